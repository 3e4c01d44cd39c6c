using ChatAssistant.Broadcasts;

namespace ChatAssistant.Storage;

/// <summary>
/// The outbox's claim before an announcement's send (Outbox/OutboxClaims.cs) still runs on the store the writer
/// hands it: it goes to the broadcast store (Broadcasts/BroadcastStore.cs), which owns that SQL.
/// </summary>
internal sealed partial class ConversationStore
{
    private BroadcastStore? _broadcasts;

    /// <summary>
    /// Marks an announcement as going on the wire, committed before the send; false when it is no longer pending,
    /// and then it must not be sent.
    /// </summary>
    public bool ClaimForSending(long outboxId, long now) => (_broadcasts ??= new BroadcastStore(_session)).ClaimForSending(outboxId, now);
}
