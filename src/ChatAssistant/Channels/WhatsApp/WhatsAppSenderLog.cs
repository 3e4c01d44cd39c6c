using Microsoft.Extensions.Logging;

namespace ChatAssistant.Channels.WhatsApp;

// The sender's messages take 5000-5099 of the WhatsApp range; the webhook's take 5100-5199.
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Critical, Message = "WhatsApp refused the access token ({Error}); sending is paused for {Pause} and nothing is dropped. Set a valid WhatsApp:AccessToken.")]
    public static partial void TokenRejected(ILogger logger, string error, TimeSpan pause);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "WhatsApp throughput limit reached ({Error}); every send pauses for {Pause}")]
    public static partial void ThroughputLimited(ILogger logger, string error, TimeSpan pause);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "WhatsApp refused a message to chat {ChatId}: {Failure} ({Error})")]
    public static partial void SendRefused(ILogger logger, string chatId, WhatsAppFailure failure, string error);
}
