using Microsoft.Extensions.Logging;

namespace ChatAssistant.Channels.WhatsApp;

// The sending side's messages take 5500-5599 of the WhatsApp range (5000-), leaving the rest to the webhook side.
internal static partial class Log
{
    [LoggerMessage(EventId = 5500, Level = LogLevel.Critical, Message = "WhatsApp refused the access token ({Error}); sending is paused for {Pause} and nothing is dropped. Set a valid WhatsApp:AccessToken.")]
    public static partial void TokenRejected(ILogger logger, string error, TimeSpan pause);

    [LoggerMessage(EventId = 5501, Level = LogLevel.Warning, Message = "WhatsApp throughput limit reached ({Error}); every send pauses for {Pause}")]
    public static partial void ThroughputLimited(ILogger logger, string error, TimeSpan pause);

    [LoggerMessage(EventId = 5502, Level = LogLevel.Information, Message = "WhatsApp refused a message to chat {ChatId}: {Failure} ({Error})")]
    public static partial void SendRefused(ILogger logger, string chatId, WhatsAppFailure failure, string error);
}
