using Microsoft.Extensions.Logging;

namespace ChatAssistant.Channels.Telegram;

internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Polling Telegram for updates from offset {Offset}")]
    public static partial void Polling(ILogger logger, long offset);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Critical, Message = "Telegram rejected the bot token (401). Check Telegram:BotToken.")]
    public static partial void TokenRejected(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Telegram getUpdates failed; trying again in {Wait}")]
    public static partial void PollFailed(ILogger logger, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Storing Telegram updates failed; they will be fetched again in {Wait}")]
    public static partial void HandleFailed(ILogger logger, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Telegram chat {ChatId}: {Kind}")]
    public static partial void Membership(ILogger logger, string chatId, TelegramInboundKind kind);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Telegram update {UpdateId} cannot be used and is kept as a dead letter: {Reason}")]
    public static partial void DeadLetter(ILogger logger, string updateId, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Telegram update {UpdateId}: a tap refused, not the tapper's own chat ({Detail})")]
    public static partial void ForeignTap(ILogger logger, string updateId, string? detail);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "Could not acknowledge a button tap in chat {ChatId}")]
    public static partial void TapAcknowledgeFailed(ILogger logger, long chatId, Exception exception);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Telegram webhook listening on {Urls} at {Path}")]
    public static partial void Listening(ILogger logger, string urls, string path);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Refused a webhook request with the right secret: its body is {What}")]
    public static partial void BodyRefused(ILogger logger, string what);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Refused a webhook request without the right secret from {Address}")]
    public static partial void Refused(ILogger logger, string? address);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Could not set the Telegram command menu")]
    public static partial void MenuFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Could not set the operators' command menu for Telegram user {UserId}")]
    public static partial void OperatorMenuFailed(ILogger logger, long userId, Exception exception);
}
