using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Shared;

/// <summary>
/// The start-up failures a person can fix themselves (a setting, a path, a locked or unreadable database, a
/// broken data file): every verb reports them as one clear line instead of a stack trace.
/// </summary>
internal static class StartupProblem
{
    public static bool IsFixable(Exception exception) =>
        exception is OptionsValidationException or IOException or UnauthorizedAccessException or SqliteException
            or DataFileException;

    public static string Describe(Exception exception) => exception is OptionsValidationException invalid
        ? "the configuration is not valid:\n  " + string.Join("\n  ", invalid.Failures)
        : exception.Message;
}
