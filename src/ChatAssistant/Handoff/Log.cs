using Microsoft.Extensions.Logging;

namespace ChatAssistant.Handoff;

/// <summary>Handoff's log messages (EventIds 13000-13999). Owners are named by their user id, never their chat id or words.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 13000, Level = LogLevel.Information, Message = "Owner {UserId} asked for a person on {Channel}: request {Request}")]
    public static partial void Opened(ILogger logger, long userId, string channel, long request);

    [LoggerMessage(EventId = 13001, Level = LogLevel.Information, Message = "Owner {UserId} cancelled request {Request} before anyone took it")]
    public static partial void Withdrawn(ILogger logger, long userId, long request);

    [LoggerMessage(EventId = 13002, Level = LogLevel.Information, Message = "{Operator} took request {Request}")]
    public static partial void Taken(ILogger logger, string @operator, long request);

    [LoggerMessage(EventId = 13003, Level = LogLevel.Debug, Message = "{Operator} replied to request {Request} (outbox {OutboxId})")]
    public static partial void Replied(ILogger logger, string @operator, long request, long outboxId);

    [LoggerMessage(EventId = 13004, Level = LogLevel.Information, Message = "{Operator} handed request {Request} back to the assistant")]
    public static partial void HandedBack(ILogger logger, string @operator, long request);

    [LoggerMessage(EventId = 13005, Level = LogLevel.Information, Message = "{Operator} closed request {Request} without handing back")]
    public static partial void Closed(ILogger logger, string @operator, long request);

    [LoggerMessage(EventId = 13006, Level = LogLevel.Warning, Message = "{Operator}'s action {Action} on request {Request} was refused: {Result}")]
    public static partial void Refused(ILogger logger, string @operator, string action, long request, HandoffResult result);
}
