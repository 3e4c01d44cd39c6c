namespace ChatAssistant.Reminders;

/// <summary>Unfinished dialogs: one nudge a day after an owner stopped mid-dialog, never a second for the same stop.</summary>
internal sealed class UnfinishedReminderSource : IReminderSource
{
    public IReadOnlyList<ReminderKind> Kinds { get; } = [ReminderKind.Unfinished];

    public void Plan(ReminderStore store, DateTimeOffset now)
    {
        // Filled in by its own change.
    }

    public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now) => ReminderCheck.Cancel(ReminderReasons.TooLate);
}
