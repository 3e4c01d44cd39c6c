namespace ChatAssistant.Reminders;

/// <summary>One reminder as owners and operators see it listed.</summary>
internal sealed record ScheduledReminder(long Id, long UserId, ReminderKind Kind, string Subject, DateTimeOffset DueAt, ReminderState State, string? Reason);
