using ChatAssistant.Outbox;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// Keeps each announcement's recipient row in step with its outbox message: sent, blocked, failed, outside the
/// WhatsApp window, taken back
/// when the broadcast was cancelled or the owner opted out while it was on the wire, or uncertain when the worker
/// stopped with it on the wire. Announcements are claimed before each send, so that none is ever sent twice.
/// </summary>
/// <param name="store">The broadcast store on the writer's session: the outbox calls in the writer's transaction, so these writes commit with the outcome.</param>
internal sealed class BroadcastRecipientObserver(BroadcastStore store) : IOutboxObserver
{
    public bool ClaimsBeforeSending(OutboxMessage message) => message.BroadcastId is not null;

    public void Sent(OutboxMessage message, DateTimeOffset at) => SetStatus(message, RecipientStatus.Sent, at);

    public void Blocked(OutboxMessage message, DateTimeOffset at) => SetStatus(message, RecipientStatus.Blocked, at);

    public void Unreachable(string channel, string chatId, DateTimeOffset at) =>
        store.MarkWaitingRecipientsBlocked(channel, chatId, at.ToUnixTimeMilliseconds());

    public void Failed(OutboxMessage message, DateTimeOffset at) => SetStatus(message, RecipientStatus.Failed, at);

    /// <summary>Refused as outside the owner's 24-hour window (the outbox has failed it): counted, not sent when they write days later.</summary>
    public void OutsideWindow(OutboxMessage message, DateTimeOffset at) => SetStatus(message, RecipientStatus.OutsideWindow, at);

    public void NotDelivered(OutboxMessage message, DateTimeOffset at)
    {
        if (message.BroadcastId is { } broadcast)
        {
            store.ReleaseClaim(message.Id, broadcast, message.UserId, at.ToUnixTimeMilliseconds());
        }
    }

    public int Uncertain(string channel, DateTimeOffset at) => store.ResolveInterruptedSends(channel, at.ToUnixTimeMilliseconds());

    private void SetStatus(OutboxMessage message, RecipientStatus status, DateTimeOffset at)
    {
        if (message.BroadcastId is { } broadcast)
        {
            store.SetRecipientStatus(broadcast, message.UserId, status, at.ToUnixTimeMilliseconds());
        }
    }
}
