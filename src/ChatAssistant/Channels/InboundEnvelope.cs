using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Channels;

/// <summary>
/// An inbound message as a channel hands it over: who sent it, the channel's own id for it (the dedup key),
/// what it says, and optionally a channel position (e.g. Telegram's next offset) to commit with it.
/// </summary>
internal sealed record InboundEnvelope(
    string Channel,
    string ChatId,
    string MessageId,
    InboundMessage Message,
    DateTimeOffset ReceivedAt,
    string? LanguageHint = null,
    ChannelPosition? Position = null);
