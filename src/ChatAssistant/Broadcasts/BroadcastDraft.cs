namespace ChatAssistant.Broadcasts;

/// <summary>
/// An announcement as an operator writes it: the text per language (owners whose language has no text get the
/// Indonesian one), an optional button that starts a dialog (<c>/pelatihan program=ID</c>), who it is for and when.
/// </summary>
internal sealed record BroadcastDraft(
    string TextIndonesian,
    string? TextEnglish,
    BroadcastButton? Button,
    BroadcastSegment Segment,
    string CreatedBy,
    DateTimeOffset? ScheduledAt);
