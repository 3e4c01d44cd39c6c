namespace ChatAssistant.Broadcasts;

/// <summary>Where one recipient of a broadcast stands (<c>broadcast_recipients.status</c>).</summary>
internal enum RecipientStatus
{
    /// <summary>On the list, not in the outbox yet (e.g. quiet hours until the owner's morning).</summary>
    Waiting,

    /// <summary>In the outbox.</summary>
    Queued,
    Sent,
    Failed,

    /// <summary>The channel reported the owner unreachable (they blocked the assistant).</summary>
    Blocked,
    OptedOut,

    /// <summary>On the wire when the worker stopped: most likely delivered, never sent again.</summary>
    Uncertain,
    Cancelled,

    /// <summary>
    /// A WhatsApp owner outside the 24-hour window and the broadcast has no template, or WhatsApp refused the
    /// announcement for it (131047): counted, never sent a message that would fail.
    /// </summary>
    OutsideWindow,
}

/// <summary>
/// The one mapping between <see cref="RecipientStatus"/> and its stored text, also the word operators read in
/// reports. The constants are for SQL text; the stored values are those of every existing database.
/// </summary>
internal static class RecipientStatuses
{
    public const string Waiting = "waiting";
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Blocked = "blocked";
    public const string OptedOut = "opted_out";
    public const string Uncertain = "uncertain";
    public const string Cancelled = "cancelled";
    public const string OutsideWindow = "outside_window";

    public static IReadOnlyList<RecipientStatus> All { get; } = Enum.GetValues<RecipientStatus>();

    public static string Name(this RecipientStatus status) => status switch
    {
        RecipientStatus.Waiting => Waiting,
        RecipientStatus.Queued => Queued,
        RecipientStatus.Sent => Sent,
        RecipientStatus.Failed => Failed,
        RecipientStatus.Blocked => Blocked,
        RecipientStatus.OptedOut => OptedOut,
        RecipientStatus.Uncertain => Uncertain,
        RecipientStatus.Cancelled => Cancelled,
        RecipientStatus.OutsideWindow => OutsideWindow,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status a stored text names; false for a text no release wrote (a newer one's status).</summary>
    public static bool TryParse(string stored, out RecipientStatus status)
    {
        (var known, status) = stored switch
        {
            Waiting => (true, RecipientStatus.Waiting),
            Queued => (true, RecipientStatus.Queued),
            Sent => (true, RecipientStatus.Sent),
            Failed => (true, RecipientStatus.Failed),
            Blocked => (true, RecipientStatus.Blocked),
            OptedOut => (true, RecipientStatus.OptedOut),
            Uncertain => (true, RecipientStatus.Uncertain),
            Cancelled => (true, RecipientStatus.Cancelled),
            OutsideWindow => (true, RecipientStatus.OutsideWindow),
            _ => (false, default(RecipientStatus)),
        };
        return known;
    }
}
