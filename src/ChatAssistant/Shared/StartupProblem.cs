using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatAssistant.Shared;

/// <summary>
/// The start-up failures a person can fix themselves (a setting, a path, a locked or unreadable database, a
/// PostgreSQL server that cannot be reached or refuses the login, a broken data file): every verb reports them as
/// one clear line instead of a stack trace.
/// </summary>
internal static class StartupProblem
{
    public static bool IsFixable(Exception exception) =>
        exception is OptionsValidationException or IOException or UnauthorizedAccessException or SqliteException
            or DataFileException or NpgsqlException;

    public static string Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => "the configuration is not valid:\n  " + string.Join("\n  ", invalid.Failures),
        PostgresException refused => $"PostgreSQL refused (check Storage:ConnectionString): {refused.MessageText}",
        NpgsqlException unreachable => $"PostgreSQL cannot be reached (check Storage:ConnectionString and that the server runs): {unreachable.Message}",
        _ => exception.Message,
    };
}
