using Microsoft.Extensions.Logging;

namespace ChatAssistant.Broadcasts;

/// <summary>The announcements' log messages (EventIds 8000-8999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Error, Message = "A {Channel} broadcast round failed (try {Failures}); trying again in {Wait}")]
    public static partial void RoundFailed(ILogger logger, string channel, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "{Channel} broadcast rounds work again after {Failures} failed")]
    public static partial void RoundsRecovered(ILogger logger, string channel, int failures);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Error, Message = "Broadcast {Id} was cancelled at its start: its saved filters no longer read (see 'broadcast status {Id}')")]
    public static partial void BroadcastRefused(ILogger logger, long id);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Broadcast {Id} started for {Recipients} recipients")]
    public static partial void BroadcastStarted(ILogger logger, long id, int recipients);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Quiet hours: {Count} {Channel} announcements held until the owners' morning")]
    public static partial void AnnouncementsHeld(ILogger logger, int count, string channel);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Information, Message = "A broadcast finished ({Channel} feeder)")]
    public static partial void BroadcastFinished(ILogger logger, string channel);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Information, Message = "Broadcast {Id} created from an operator's chat for {Recipients} recipients ({Segment})")]
    public static partial void CreatedFromChat(ILogger logger, long id, int recipients, string segment);
}
