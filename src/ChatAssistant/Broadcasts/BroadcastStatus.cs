namespace ChatAssistant.Broadcasts;

/// <summary>Where a broadcast stands: scheduled, then sending once its recipient list is fixed, then finished or cancelled.</summary>
internal enum BroadcastStatus
{
    Scheduled,
    Sending,
    Finished,
    Cancelled,
}

/// <summary>
/// The one mapping between <see cref="BroadcastStatus"/> and its stored text (<c>broadcasts.status</c>), which is
/// also the word operators read in lists and reports. The constants are for SQL text; the stored values are the
/// ones of every existing database, so they never change.
/// </summary>
internal static class BroadcastStatuses
{
    public const string Scheduled = "scheduled";
    public const string Sending = "sending";
    public const string Finished = "finished";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<BroadcastStatus> All { get; } = Enum.GetValues<BroadcastStatus>();

    public static string Name(this BroadcastStatus status) => status switch
    {
        BroadcastStatus.Scheduled => Scheduled,
        BroadcastStatus.Sending => Sending,
        BroadcastStatus.Finished => Finished,
        BroadcastStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static BroadcastStatus Parse(string stored) => stored switch
    {
        Scheduled => BroadcastStatus.Scheduled,
        Sending => BroadcastStatus.Sending,
        Finished => BroadcastStatus.Finished,
        Cancelled => BroadcastStatus.Cancelled,
        _ => throw new FormatException($"'{stored}' is not a broadcast status."),
    };

    /// <summary>Scheduled or sending: it can still be cancelled.</summary>
    public static bool IsOpen(this BroadcastStatus status) => status is BroadcastStatus.Scheduled or BroadcastStatus.Sending;
}
