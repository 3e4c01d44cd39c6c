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

    // Delivery statuses take 5150-5159.
    [LoggerMessage(EventId = 5150, Level = LogLevel.Debug, Message = "WhatsApp status {Status} for message {MessageId} is not one the outbox tracks; skipped")]
    public static partial void StatusSkipped(ILogger logger, string messageId, string status);

    [LoggerMessage(EventId = 5151, Level = LogLevel.Debug, Message = "WhatsApp status {Status} for message {MessageId}: no sent message has that id; ignored")]
    public static partial void StatusForUnknownMessage(ILogger logger, string messageId, string status);

    [LoggerMessage(EventId = 5152, Level = LogLevel.Information, Message = "WhatsApp could not deliver message {MessageId}: {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string messageId, string error);

    [LoggerMessage(EventId = 5153, Level = LogLevel.Debug, Message = "WhatsApp statuses recorded: {Raised} raised a message's delivery, {Repeated} seen before, {Unchanged} changed nothing, {Unknown} for unknown messages")]
    public static partial void StatusesRecorded(ILogger logger, int raised, int repeated, int unchanged, int unknown);
}
