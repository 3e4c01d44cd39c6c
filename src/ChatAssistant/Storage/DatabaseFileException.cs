namespace ChatAssistant.Storage;

/// <summary>What is wrong with the path a database was asked for, in the words a person fixes it by.</summary>
internal enum DatabaseFileProblem
{
    /// <summary>Nothing is there: a verb that reads a deployment's data must not create an empty one.</summary>
    Missing,

    /// <summary>The path is a folder.</summary>
    Folder,

    /// <summary>A file that is not an SQLite database (not a ChatAssistant one, at least).</summary>
    NotADatabase,
}

/// <summary>
/// The database path points at nothing, a folder or a file that is no database: refused before SQLite or the
/// lock touch it, so nothing is created beside it and the operator reads one plain line instead of an SQLite code.
/// </summary>
internal sealed class DatabaseFileException(string databasePath, DatabaseFileProblem problem, Exception? inner = null)
    : IOException(Describe(databasePath, problem), inner)
{
    public string DatabasePath { get; } = databasePath;

    public DatabaseFileProblem Problem { get; } = problem;

    private static string Describe(string path, DatabaseFileProblem problem) => problem switch
    {
        DatabaseFileProblem.Missing => $"No database at {path}: check --db or Storage:Path; the worker creates it on first start.",
        DatabaseFileProblem.Folder => $"{path} is a folder, not a database file: check --db or Storage:Path.",
        _ => $"{path} is not a ChatAssistant database (it is not an SQLite file): check --db or Storage:Path.",
    };
}
