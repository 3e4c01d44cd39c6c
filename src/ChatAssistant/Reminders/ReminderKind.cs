namespace ChatAssistant.Reminders;

/// <summary>What a reminder is about and when it goes (<c>reminders.kind</c>); each belongs to one <see cref="ReminderTopic"/>.</summary>
internal enum ReminderKind
{
    /// <summary>Three days before a training the owner has a seat in.</summary>
    TrainingIn3Days,

    /// <summary>The day before a training the owner has a seat in.</summary>
    TrainingIn1Day,

    /// <summary>After the training: how did it go (a one-question rating).</summary>
    TrainingFollowUp,

    /// <summary>Three days before the registration deadline of a programme the owner looked at and did not register for.</summary>
    Deadline,

    /// <summary>A day after the owner stopped mid-dialog: continue at the same question?</summary>
    Unfinished,

    /// <summary>Thirty days after an export-readiness check: check again and see the progress.</summary>
    ExportRecheck,
}

/// <summary>The one mapping between <see cref="ReminderKind"/>, its stored text (the key in reminders.yaml) and its topic.</summary>
internal static class ReminderKinds
{
    public const string TrainingIn3Days = "training_3d";
    public const string TrainingIn1Day = "training_1d";
    public const string TrainingFollowUp = "training_followup";
    public const string Deadline = "deadline";
    public const string Unfinished = "unfinished";
    public const string ExportRecheck = "export_recheck";

    public static IReadOnlyList<ReminderKind> All { get; } = Enum.GetValues<ReminderKind>();

    public static string Name(this ReminderKind kind) => kind switch
    {
        ReminderKind.TrainingIn3Days => TrainingIn3Days,
        ReminderKind.TrainingIn1Day => TrainingIn1Day,
        ReminderKind.TrainingFollowUp => TrainingFollowUp,
        ReminderKind.Deadline => Deadline,
        ReminderKind.Unfinished => Unfinished,
        ReminderKind.ExportRecheck => ExportRecheck,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string stored, out ReminderKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), stored, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static ReminderTopic Topic(this ReminderKind kind) => kind switch
    {
        ReminderKind.TrainingIn3Days or ReminderKind.TrainingIn1Day or ReminderKind.TrainingFollowUp => ReminderTopic.Training,
        ReminderKind.Deadline => ReminderTopic.Deadlines,
        ReminderKind.Unfinished => ReminderTopic.Unfinished,
        ReminderKind.ExportRecheck => ReminderTopic.Export,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kinds of a topic, as SQL text: <c>'training_3d', 'training_1d', ...</c>.</summary>
    public static string SqlList(ReminderTopic topic) =>
        string.Join(", ", All.Where(k => k.Topic() == topic).Select(k => $"'{k.Name()}'"));
}
