using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Conversations;

/// <summary>What became of an inbound message once its transaction committed.</summary>
internal sealed record HandledMessage(HandledStatus Status, long OutboxId, OutboundMessage? Reply);
