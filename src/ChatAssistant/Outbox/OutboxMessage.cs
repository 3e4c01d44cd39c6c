using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Outbox;

/// <summary>A message waiting in the outbox to be sent to one chat; an announcement carries its broadcast.</summary>
internal sealed record OutboxMessage(
    long Id,
    long UserId,
    string Channel,
    string ChatId,
    OutboxPriority Priority,
    OutboundMessage Message,
    int Attempts,
    long? BroadcastId = null);
