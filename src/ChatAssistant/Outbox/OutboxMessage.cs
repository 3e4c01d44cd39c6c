using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Outbox;

/// <summary>
/// A message waiting in the outbox to be sent to one chat; an announcement carries its broadcast. A message with a
/// <see cref="Template"/> goes as that approved template (outside WhatsApp's 24-hour window); <see cref="Page"/> picks
/// the page of a long list of options a channel shows a page at a time.
/// </summary>
internal sealed record OutboxMessage(
    long Id,
    long UserId,
    string Channel,
    string ChatId,
    OutboxPriority Priority,
    OutboundMessage Message,
    int Attempts,
    long? BroadcastId = null,
    OutboxTemplate? Template = null,
    int Page = 0);
