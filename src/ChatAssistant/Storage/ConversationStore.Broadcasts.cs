using ChatAssistant.Broadcasts;

namespace ChatAssistant.Storage;

/// <summary>
/// The announcement calls the outbox dispatcher still makes on the store it is handed: they go to the broadcast
/// store (Broadcasts/BroadcastStore.cs), which owns that SQL. Goes once the dispatcher reports outcomes to observers.
/// </summary>
internal sealed partial class ConversationStore
{
    private BroadcastStore? _broadcasts;

    private BroadcastStore Broadcasts => _broadcasts ??= new BroadcastStore(_session);

    public bool ClaimForSending(long outboxId, long now) => Broadcasts.ClaimForSending(outboxId, now);

    public void ReleaseClaim(long outboxId, long broadcastId, long userId, long now) => Broadcasts.ReleaseClaim(outboxId, broadcastId, userId, now);

    public void SetRecipientStatus(long broadcastId, long userId, string status, long now, long? outboxId = null) =>
        Broadcasts.SetRecipientStatus(broadcastId, userId, RecipientStatuses.TryParse(status, out var parsed) ? parsed : throw new ArgumentOutOfRangeException(nameof(status), status, null), now, outboxId);

    public int ResolveInterruptedSends(string channel, long now) => Broadcasts.ResolveInterruptedSends(channel, now);
}
