namespace ChatAssistant.Outbox;

/// <summary>A channel's way of delivering one outbox message (Telegram's sendMessage, ...).</summary>
internal interface IOutboxChannel
{
    string Name { get; }

    Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// How many of the channel's messages sending <paramref name="message"/> takes (WhatsApp: a long text and its
    /// buttons go as several), so the outbox takes that many of the channel's and the chat's permits.
    /// </summary>
    int Cost(OutboxMessage message) => 1;
}
