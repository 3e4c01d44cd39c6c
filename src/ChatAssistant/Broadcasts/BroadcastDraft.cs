namespace ChatAssistant.Broadcasts;

/// <summary>
/// An announcement as an operator writes it: the text per language (owners whose language has no text get the
/// Indonesian one), an optional button that starts a dialog (<c>/pelatihan program=ID</c>), who it is for and when,
/// and the approved template WhatsApp owners outside the 24-hour window get instead (none: they are counted, not sent).
/// </summary>
internal sealed record BroadcastDraft(
    string TextIndonesian,
    string? TextEnglish,
    BroadcastButton? Button,
    BroadcastSegment Segment,
    string CreatedBy,
    DateTimeOffset? ScheduledAt,
    ChatAssistant.Outbox.OutboxTemplate? WhatsAppTemplate = null);
