using Microsoft.Extensions.Logging;

namespace ChatAssistant.Migrate;

/// <summary>The migrate and export verbs' log messages (EventIds 1300-1399).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Applied {Count} migration(s) to the {Provider} database; its schema is at version {Version}")]
    public static partial void MigrationsApplied(ILogger logger, int count, string provider, int version);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Export: copied {Rows} row(s) of {Table}")]
    public static partial void TableCopied(ILogger logger, string table, ulong rows);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Export refused: {Reason}")]
    public static partial void ExportRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Export with --force: emptied {Tables} table(s) of the target, {Rows} row(s) removed")]
    public static partial void TargetEmptied(ILogger logger, int tables, long rows);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Error, Message = "Export: {Table} has {Source} row(s) in SQLite but {Target} in PostgreSQL; nothing was committed")]
    public static partial void CountMismatch(ILogger logger, string table, long source, long target);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Export finished: {Tables} table(s), {Rows} row(s) copied from {Source}")]
    public static partial void ExportFinished(ILogger logger, int tables, long rows, string source);
}
