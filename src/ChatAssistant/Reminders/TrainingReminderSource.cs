namespace ChatAssistant.Reminders;

/// <summary>Training reminders: 3 days and 1 day before a training the owner has a seat in, and the follow-up after it.</summary>
internal sealed class TrainingReminderSource : IReminderSource
{
    public IReadOnlyList<ReminderKind> Kinds { get; } = [ReminderKind.TrainingIn3Days, ReminderKind.TrainingIn1Day, ReminderKind.TrainingFollowUp];

    public void Plan(ReminderStore store, DateTimeOffset now)
    {
        // Filled in by its own change.
    }

    public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now) => ReminderCheck.Cancel(ReminderReasons.TooLate);
}
