using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;

namespace ChatAssistant.Channels;

/// <summary>
/// What a channel hands to the assistant, and all it may write: every call is one transaction of the single
/// writer, queued in call order, and a channel position given with it is saved in that same transaction (so an
/// update is neither lost nor applied twice). Channels know nothing of the store behind it.
/// </summary>
internal interface IChannelInbox
{
    /// <summary>An owner's message for the conversation; completes when it and its replies are committed.</summary>
    Task SubmitAsync(InboundEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>
    /// A chat that is no owner's conversation (a group) gets <paramref name="answer"/> once per message id
    /// (a redelivered message is not answered again).
    /// </summary>
    Task AnswerOnceAsync(string channel, string chatId, string messageId, OutboundMessage answer, ChannelPosition? position, CancellationToken cancellationToken);

    /// <summary>The chat blocked the assistant (unreachable: nothing more is sent) or unblocked it (reachable again).</summary>
    Task RecordMembershipAsync(string channel, string chatId, bool reachable, ChannelPosition? position, CancellationToken cancellationToken);

    /// <summary>A message that cannot be used, kept as received with the reason, so that it never stops the channel.</summary>
    Task RecordDeadLetterAsync(string channel, string messageId, string reason, ReadOnlyMemory<byte> raw, ChannelPosition? position, CancellationToken cancellationToken);

    /// <summary>
    /// What the channel reported about messages it sent (sent, delivered, read, failed), in the order given, in one
    /// transaction: each raises its message's delivery state and never lowers it (delivered after read changes
    /// nothing), and a status already recorded for a message changes nothing. The result says, per report in the
    /// same order, what it changed.
    /// </summary>
    Task<IReadOnlyList<DeliveryChange>> RecordStatusesAsync(string channel, IReadOnlyList<DeliveryReport> reports, CancellationToken cancellationToken);

    /// <summary>
    /// The owner asked for page <paramref name="page"/> (1 is the second) of a question the channel shows a page at a
    /// time (WhatsApp's "Lainnya" row): the question they replied to (<paramref name="repliedTo"/>, the channel's id of
    /// the message; else the chat's latest question) is queued again to be shown at that page. Once per message id,
    /// like every inbound message; nothing changes in the conversation.
    /// </summary>
    Task ShowPageAsync(string channel, string chatId, string messageId, int page, string? repliedTo, CancellationToken cancellationToken);

    /// <summary>Saves the position (nothing when null) after every earlier call's transaction.</summary>
    Task SavePositionAsync(string channel, ChannelPosition? position, CancellationToken cancellationToken);

    /// <summary>The position saved under <paramref name="key"/>, or null when none is.</summary>
    Task<string?> LoadPositionAsync(string channel, string key, CancellationToken cancellationToken);
}
