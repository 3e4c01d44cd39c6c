using Microsoft.Extensions.Logging;

namespace ChatAssistant.Channels.WhatsApp;

// The webhook's messages take 5100-5199 of the WhatsApp range (5000-), so the sender's can take 5000-5099.
internal static partial class Log
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "WhatsApp webhook listening on {Urls} at {Path}")]
    public static partial void WebhookListening(ILogger logger, string urls, string path);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Refused a WhatsApp webhook request without a valid X-Hub-Signature-256 from {Address}")]
    public static partial void SignatureRefused(ILogger logger, string? address);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Refused a signed WhatsApp webhook request: its body is {What}")]
    public static partial void WebhookBodyRefused(ILogger logger, string what);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Refused a WhatsApp webhook verification (hub.mode {Mode}, verify token {Match})")]
    public static partial void VerificationRefused(ILogger logger, string? mode, string match);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "WhatsApp webhook verified by Meta")]
    public static partial void Verified(ILogger logger);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "WhatsApp message {MessageId} cannot be used and is kept as a dead letter: {Reason}")]
    public static partial void WebhookDeadLetter(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Skipped {Count} WhatsApp webhook messages and statuses for another phone number id than WhatsApp:PhoneNumberId")]
    public static partial void OtherNumber(ILogger logger, int count);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Debug, Message = "WhatsApp webhook carried {Count} delivery statuses")]
    public static partial void Statuses(ILogger logger, int count);
}
