namespace ChatAssistant.Storage;

/// <summary>Another worker or <c>chat</c> holds the database: the process must not start.</summary>
internal sealed class DatabaseInUseException(string databasePath, string? holder, Exception inner)
    : IOException(Describe(databasePath, holder), inner)
{
    public string DatabasePath { get; } = databasePath;

    private static string Describe(string databasePath, string? holder) =>
        $"the database {databasePath} is in use by {holder ?? "another worker or chat"}; only one worker or chat may use a database at a time. " +
        "Stop it first, or use another database. Read-only verbs (broadcast list/status/preview, report, programs list, registrations export) work beside it.";
}
