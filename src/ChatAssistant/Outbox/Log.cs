using Microsoft.Extensions.Logging;

namespace ChatAssistant.Outbox;

/// <summary>The outbox's log messages; event ids 3000-3999.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Sending {Channel} outbox at up to {Rate} messages/s, one per {PerChat} per chat")]
    public static partial void Started(ILogger logger, string channel, int rate, TimeSpan perChat);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "{Channel} asked us to slow down: pausing all sends for {RetryAfter}")]
    public static partial void RateLimited(ILogger logger, string channel, TimeSpan retryAfter);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "{Channel} chat {ChatId} blocked the assistant; marked unreachable")]
    public static partial void Blocked(ILogger logger, string channel, string chatId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "{Channel} outbox message {Id} failed (try {Attempt}); retrying in {Backoff}: {Error}")]
    public static partial void Retrying(ILogger logger, string channel, long id, int attempt, TimeSpan backoff, string? error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "{Channel} outbox message {Id} given up ({Outcome}): {Error}")]
    public static partial void GaveUp(ILogger logger, string channel, long id, SendOutcome outcome, string? error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "{Channel} announcement {Id} was claimed but not sent while stopping, and the claim could not be released")]
    public static partial void ClaimKept(ILogger logger, string channel, long id, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "{Channel}: {Count} announcements were on the wire when the worker stopped; they may have been delivered and are not sent again")]
    public static partial void Uncertain(ILogger logger, string channel, int count);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "{Channel} outbox: the database is not available (try {Failures}); sending waits and resumes by itself; trying again in {Wait}")]
    public static partial void DatabaseUnavailable(ILogger logger, string channel, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "{Channel} outbox round failed (try {Failures}); trying again in {Wait}")]
    public static partial void RoundFailed(ILogger logger, string channel, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "{Channel} outbox message {Id}: the database refused its outcome ({Outcome}); writing it again in {Wait}")]
    public static partial void RecordRetried(ILogger logger, string channel, long id, SendOutcome outcome, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "{Channel} outbox message {Id}: its outcome ({Outcome}) could not be recorded; after the next start it counts as on the wire at a crash")]
    public static partial void NotRecorded(ILogger logger, string channel, long id, SendOutcome outcome, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "{Channel} outbox flush failed; the rest is sent after the next start")]
    public static partial void FlushFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "{Channel} outbox flush stopped after {Timeout}; the rest is sent after the next start")]
    public static partial void FlushCut(ILogger logger, string channel, TimeSpan timeout);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "{Channel} chat {ChatId}: message {Id} came after the owner's 24-hour window closed; it and the chat's later messages wait for the owner's next message")]
    public static partial void HeldOutsideWindow(ILogger logger, string channel, string chatId, long id);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "{Channel} announcement {Id} came after the owner's 24-hour window closed; counted outside_window, not sent again")]
    public static partial void AnnouncementOutsideWindow(ILogger logger, string channel, long id);
}
