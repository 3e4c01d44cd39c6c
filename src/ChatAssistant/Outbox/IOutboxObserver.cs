namespace ChatAssistant.Outbox;

/// <summary>
/// Told what became of the outbox messages a feature queued (announcements: the broadcast's recipient rows), so
/// that the outbox need not know what the feature keeps. Every call runs on the writer, inside the transaction
/// that records the outcome in the outbox: an observer writes through its store there and then, and the two
/// never disagree, even after a crash.
/// </summary>
/// <remarks>
/// An observer may ask for its messages to be sent at most once (<see cref="ClaimsBeforeSending"/>): each is then
/// claimed, durably, before it goes on the wire. Only that observer knows whether such a message may still go
/// when it comes back undelivered, so it also settles those (<see cref="NotDelivered"/>, <see cref="Uncertain"/>).
/// </remarks>
internal interface IOutboxObserver
{
    /// <summary>Whether the message must be claimed before each send and so never sent twice, not even after a crash.</summary>
    bool ClaimsBeforeSending(OutboxMessage message);

    /// <summary>The channel took the message.</summary>
    void Sent(OutboxMessage message, DateTimeOffset at);

    /// <summary>The owner blocked the assistant; the outbox has dropped what waited for them.</summary>
    void Blocked(OutboxMessage message, DateTimeOffset at);

    /// <summary>
    /// The owner on <paramref name="channel"/>/<paramref name="chatId"/> can no longer be reached (they blocked the
    /// assistant); called before the outbox drops what still waits for them, so the observer can see those messages.
    /// </summary>
    void Unreachable(string channel, string chatId, DateTimeOffset at);

    /// <summary>Given up: refused for good, or out of tries.</summary>
    void Failed(OutboxMessage message, DateTimeOffset at);

    /// <summary>
    /// The channel refused the message because the owner's window has closed (WhatsApp's 24 hours, 131047). A message
    /// an observer claimed (an announcement) has been failed: by the owner's next message, days later, it would be
    /// stale. Any other (a reply) is held, with the chat's later messages, and goes when the owner writes again.
    /// </summary>
    void OutsideWindow(OutboxMessage message, DateTimeOffset at);

    /// <summary>
    /// A message this observer claimed was not delivered (a 429, a passing fault, or stopping before the send):
    /// release its claim so that it goes again, or take it back from the outbox if it may no longer go.
    /// </summary>
    void NotDelivered(OutboxMessage message, DateTimeOffset at);

    /// <summary>
    /// At start, before any send: messages this observer claimed on <paramref name="channel"/> that were on the
    /// wire when the worker stopped may have been delivered; they are never sent again. Returns how many.
    /// </summary>
    int Uncertain(string channel, DateTimeOffset at);
}
