namespace ChatAssistant.Reminders;

/// <summary>Where a reminder stands (<c>reminders.state</c>).</summary>
internal enum ReminderState
{
    /// <summary>Waiting for its time.</summary>
    Scheduled,

    /// <summary>In the outbox (<c>outbox_id</c>), not yet taken by the channel.</summary>
    Queued,

    /// <summary>The channel took it.</summary>
    Sent,

    /// <summary>What it reminded of is gone (a registration cancelled, a programme closed, the owner went on); <c>reason</c> says which.</summary>
    Cancelled,

    /// <summary>Not sent, and counted: the owner turned the kind off, opted out, blocked the assistant, or was outside WhatsApp's window with no template configured.</summary>
    Skipped,

    /// <summary>The channel refused it for good.</summary>
    Failed,
}

/// <summary>The one mapping between <see cref="ReminderState"/> and its stored text; the constants are for SQL text.</summary>
internal static class ReminderStates
{
    public const string Scheduled = "scheduled";
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Cancelled = "cancelled";
    public const string Skipped = "skipped";
    public const string Failed = "failed";

    public static IReadOnlyList<ReminderState> All { get; } = Enum.GetValues<ReminderState>();

    public static string Name(this ReminderState state) => state switch
    {
        ReminderState.Scheduled => Scheduled,
        ReminderState.Queued => Queued,
        ReminderState.Sent => Sent,
        ReminderState.Cancelled => Cancelled,
        ReminderState.Skipped => Skipped,
        ReminderState.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static ReminderState Parse(string stored) => stored switch
    {
        Scheduled => ReminderState.Scheduled,
        Queued => ReminderState.Queued,
        Sent => ReminderState.Sent,
        Cancelled => ReminderState.Cancelled,
        Skipped => ReminderState.Skipped,
        _ => ReminderState.Failed,
    };
}

/// <summary>Why a reminder was cancelled or skipped (<c>reminders.reason</c>), as counted in reports.</summary>
internal static class ReminderReasons
{
    public const string TurnedOff = "turned_off";
    public const string OptedOut = "opted_out";
    public const string Unreachable = "unreachable";
    public const string OutsideWindow = "outside_window";
    public const string RegistrationCancelled = "registration_cancelled";
    public const string ProgrammeClosed = "programme_closed";
    public const string Registered = "registered";
    public const string Resumed = "resumed";
    public const string CheckedAgain = "checked_again";
    public const string TooLate = "too_late";
    public const string Blocked = "blocked";
    public const string DataDeleted = "data_deleted";
    public const string Rated = "rated";

    /// <summary>Its source failed to check it (a bug, data it did not expect): failed alone rather than stopping every reminder.</summary>
    public const string CheckFailed = "check_failed";
}
