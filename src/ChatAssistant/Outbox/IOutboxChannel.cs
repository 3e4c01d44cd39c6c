namespace ChatAssistant.Outbox;

/// <summary>A channel's way of delivering one outbox message (Telegram's sendMessage, ...).</summary>
internal interface IOutboxChannel
{
    string Name { get; }

    Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
