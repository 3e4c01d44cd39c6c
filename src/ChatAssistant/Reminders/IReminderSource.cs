namespace ChatAssistant.Reminders;

/// <summary>
/// One family of reminders (training, deadlines, unfinished dialogs, export checks): what it schedules, and whether a
/// due one still holds. Both run on the writer, inside the scheduler's transaction; a source reads the tables of what
/// it reminds of on <see cref="ReminderStore.Session"/>.
/// </summary>
internal interface IReminderSource
{
    IReadOnlyList<ReminderKind> Kinds { get; }

    /// <summary>Schedules the reminders of what is new since the last round (<see cref="ReminderStore.Schedule"/>, <see cref="ReminderStore.Mark"/>).</summary>
    void Plan(ReminderStore store, DateTimeOffset now);

    /// <summary>
    /// A due reminder of one of <see cref="Kinds"/>, just before it is queued: what its text shows, or why it no longer
    /// goes (the registration was cancelled, the owner registered or went on).
    /// </summary>
    ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now);
}

/// <summary>
/// A due reminder that still holds: the values its text shows (<c>{title}</c>, <c>{start}</c>... in reminders.yaml,
/// already formatted for the owner's language) and the command its button sends; or why it is cancelled.
/// </summary>
internal sealed record ReminderCheck(IReadOnlyDictionary<string, string>? Fields, string? ButtonCommand, string? CancelReason)
{
    public static ReminderCheck Cancel(string reason) => new(null, null, reason);

    public static ReminderCheck Send(IReadOnlyDictionary<string, string> fields, string? buttonCommand) => new(fields, buttonCommand, null);
}
