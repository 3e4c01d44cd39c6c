namespace ChatAssistant.Reminders;

/// <summary>
/// A scheduled reminder whose time has come, with what the feeder needs to decide whether and how it goes: the
/// owner's chat and language, when they last wrote (WhatsApp's window), whether they opted out of announcements,
/// blocked the assistant or turned this kind's topic off.
/// </summary>
internal sealed record DueReminder(
    long Id,
    long UserId,
    ReminderKind Kind,
    string Subject,
    long DueAt,
    string Channel,
    string ChatId,
    string Language,
    long LastSeenAt,
    bool OptedOut,
    bool Unreachable,
    bool TopicOff);
