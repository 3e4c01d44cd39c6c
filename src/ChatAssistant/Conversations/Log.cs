using Microsoft.Extensions.Logging;

namespace ChatAssistant.Conversations;

/// <summary>Conversations' log messages (EventIds 2000-2999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Inbound {Channel} message {MessageId} was already handled; ignored")]
    public static partial void Duplicate(ILogger logger, string channel, string messageId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "The database refused a write of {Count} queued message(s) (try {Failures}); owners' messages wait and nothing is acknowledged; trying again in {Wait}")]
    public static partial void NotWritable(ILogger logger, int count, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "The database accepts writes again after {Failures} refused tries; catching up")]
    public static partial void Writable(ILogger logger, int failures);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "A batch of {Count} messages failed; applying them one by one")]
    public static partial void BatchRetried(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Handling {Channel} message {MessageId} failed; the owner was sent an apology")]
    public static partial void MessageFailed(ILogger logger, string channel, string messageId, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Conversations on {DialogId} v{Version} ({Hash}) continue on that version")]
    public static partial void VersionPinned(ILogger logger, string dialogId, int version, string hash);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Dialog version {Hash} of {DialogId} is not kept; its conversations go on the live version")]
    public static partial void VersionMissing(ILogger logger, string dialogId, string hash);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "{Channel} chat {ChatId} wrote again: {Count} messages held outside the 24-hour window go now, before the reply")]
    public static partial void HeldReleased(ILogger logger, string channel, string chatId, int count);
}
