using Microsoft.Extensions.Logging;

namespace ChatAssistant.Storage;

/// <summary>Storage's log messages (EventIds 1000-1999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Copying the database's write-ahead log back failed (try {Failures}); trying again in {Wait}")]
    public static partial void CheckpointFailed(ILogger logger, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "The write-ahead log is copied back again after {Failures} failed tries")]
    public static partial void CheckpointRecovered(ILogger logger, int failures);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "This SQLite library cannot sync the database file beside the writer; the writer's own checkpoints will sync it, pausing its commits longer")]
    public static partial void CheckpointSyncUnavailable(ILogger logger);

    // PostgreSQL (1100-1199).
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "The writer's database connection was {State} (the server restarted or ended the session); opened it again ({Reopened} times since start)")]
    public static partial void WriterReopened(ILogger logger, System.Data.ConnectionState state, int reopened);

    // Replica roles and notices (1200-1299).
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Replica role {Role} taken: this replica does its work now")]
    public static partial void RoleTaken(ILogger logger, string role);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Replica role {Role} is held by another replica; trying to take it every {RetryInterval}")]
    public static partial void RoleWaiting(ILogger logger, string role, TimeSpan retryInterval);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Critical, Message = "Replica role {Role} lost: the database session holding it is gone, so another replica may hold it now. Its work is stopped and the application stops; a restarted replica waits for its turn")]
    public static partial void RoleLost(ILogger logger, string role, Exception exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Trying to take replica role {Role} failed (try {Failures}); trying again in {RetryInterval}")]
    public static partial void RoleTryFailed(ILogger logger, string role, int failures, TimeSpan retryInterval, Exception exception);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Replica role {Role} released")]
    public static partial void RoleReleased(ILogger logger, string role);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Listening for other replicas' notices on {Channel} (after {Failures} failed tries)")]
    public static partial void Listening(ILogger logger, string channel, int failures);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Listening for other replicas' notices on {Channel} failed (try {Failures}); connecting again in {RetryInterval}")]
    public static partial void ListenFailed(ILogger logger, string channel, int failures, TimeSpan retryInterval, Exception exception);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Critical, Message = "The work of replica role {Role} failed; the application stops")]
    public static partial void RoleWorkFailed(ILogger logger, string role, Exception exception);
}
