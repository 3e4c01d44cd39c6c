namespace ChatAssistant.Reminders;

/// <summary>Export readiness: 30 days after a check, an invitation to check again.</summary>
internal sealed class ExportRecheckReminderSource : IReminderSource
{
    public IReadOnlyList<ReminderKind> Kinds { get; } = [ReminderKind.ExportRecheck];

    public void Plan(ReminderStore store, DateTimeOffset now)
    {
        // Filled in by its own change.
    }

    public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now) => ReminderCheck.Cancel(ReminderReasons.TooLate);
}
