namespace ChatAssistant.Reminders;

/// <summary>What an owner turns off or on with /pengingat (<c>reminder_settings.topic</c>): one or more <see cref="ReminderKind"/>s.</summary>
internal enum ReminderTopic
{
    Training,
    Deadlines,
    Unfinished,
    Export,
}

/// <summary>The one mapping between <see cref="ReminderTopic"/> and its stored text.</summary>
internal static class ReminderTopics
{
    public const string Training = "training";
    public const string Deadlines = "deadlines";
    public const string Unfinished = "unfinished";
    public const string Export = "export";

    public static IReadOnlyList<ReminderTopic> All { get; } = Enum.GetValues<ReminderTopic>();

    public static string Name(this ReminderTopic topic) => topic switch
    {
        ReminderTopic.Training => Training,
        ReminderTopic.Deadlines => Deadlines,
        ReminderTopic.Unfinished => Unfinished,
        ReminderTopic.Export => Export,
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, null),
    };

    public static bool TryParse(string stored, out ReminderTopic topic)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), stored, StringComparison.Ordinal))
            {
                topic = candidate;
                return true;
            }
        }

        topic = default;
        return false;
    }
}
