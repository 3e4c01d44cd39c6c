namespace ChatAssistant.Reminders;

/// <summary>Deadlines: 3 days before the registration deadline of a programme the owner looked at and did not register for.</summary>
internal sealed class DeadlineReminderSource : IReminderSource
{
    public IReadOnlyList<ReminderKind> Kinds { get; } = [ReminderKind.Deadline];

    public void Plan(ReminderStore store, DateTimeOffset now)
    {
        // Filled in by its own change.
    }

    public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now) => ReminderCheck.Cancel(ReminderReasons.TooLate);
}
