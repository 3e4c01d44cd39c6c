using Microsoft.Extensions.Logging;

namespace ChatAssistant.Storage;

/// <summary>Storage's log messages (EventIds 1000-1999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Copying the database's write-ahead log back failed (try {Failures}); trying again in {Wait}")]
    public static partial void CheckpointFailed(ILogger logger, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "The write-ahead log is copied back again after {Failures} failed tries")]
    public static partial void CheckpointRecovered(ILogger logger, int failures);
}
