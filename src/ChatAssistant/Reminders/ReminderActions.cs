using System.Text;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Shared;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Reminders;

/// <summary>
/// /pengingat's actions (dialogs/reminder-settings.yaml): what is scheduled for the owner, and turning a topic off or
/// on. They run on the writer inside the message's transaction, so the owner's choice is stored exactly when their
/// message is, and the scheduler's next round reads it. Turning a topic off keeps its reminders scheduled: the
/// scheduler skips those that come due while it is off (<see cref="ReminderReasons.TurnedOff"/>).
/// </summary>
internal sealed class ReminderActions(ReminderStore store, ReminderTexts texts, ILogger<ReminderActions> logger) : IDialogActionHandler
{
    public const string Overview = "reminders_overview";
    public const string State = "reminder_topic_state";
    public const string Set = "set_reminder_topic";

    /// <summary>The answer key of the dialog's question: a topic's stored name (or "done", which never reaches here).</summary>
    public const string TopicKey = "reminder_topic";

    /// <summary>What the owner was shown the topic's state to be (yes: on), before agreeing to change it.</summary>
    public const string ShownKey = "topic_enabled";

    public IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { Overview, State, Set };

    public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(conversation);
        return action switch
        {
            Overview => Describe(session),
            State => TopicState(session, conversation),
            Set => SetTopic(session, conversation, now),
            _ => throw new ArgumentException($"ReminderActions has no action '{action}'.", nameof(action)),
        };
    }

    private Dictionary<string, DialogValue> Describe(UserSession session)
    {
        var language = session.Language;
        var english = language == Languages.English;
        var topics = session.OwnerId == 0 ? ReminderTopics.All.ToDictionary(t => t, _ => true) : store.Topics(session.OwnerId);
        var upcoming = session.OwnerId == 0 ? [] : store.Upcoming(session.OwnerId);

        // Dates as the owner's clock reads them: reminders go at 09:00 WIB, which is the same date in every zone,
        // but an unfinished-dialog nudge late in a WIB evening is already tomorrow in Papua.
        var offset = TextOf(session, "province") is { } province && IndonesianProvinces.UtcOffset(province) is { } zone ? zone : Wib.Offset;
        var list = new StringBuilder();
        foreach (var reminder in upcoming)
        {
            list.Append("• ").Append(texts.Topic(reminder.Kind.Topic(), language));
            if (Detail(reminder.Kind, english) is { } detail)
            {
                list.Append(" (").Append(detail).Append(')');
            }

            list.Append(" — ").Append(ReminderDates.Format(DateOnly.FromDateTime(reminder.DueAt.ToOffset(offset).DateTime), language));
            if (!topics[reminder.Kind.Topic()])
            {
                list.Append(english ? " (turned off: not sent)" : " (dimatikan: tidak dikirim)");
            }

            list.Append('\n');
        }

        var states = new StringBuilder();
        foreach (var topic in ReminderTopics.All)
        {
            states.Append("• ").Append(texts.Topic(topic, language)).Append(": ")
                .Append(topics[topic] ? (english ? "on" : "aktif") : (english ? "off" : "dimatikan")).Append('\n');
        }

        return new Dictionary<string, DialogValue>(StringComparer.Ordinal)
        {
            ["reminder_list"] = DialogValue.FromText(list.Length == 0
                ? (english ? "No reminders scheduled yet." : "Belum ada pengingat terjadwal.")
                : list.ToString().TrimEnd()),
            ["reminder_topics"] = DialogValue.FromText(states.ToString().TrimEnd()),
        };
    }

    private Dictionary<string, DialogValue> TopicState(UserSession session, ConversationState conversation)
    {
        var topic = PickedTopic(conversation);
        return new Dictionary<string, DialogValue>(StringComparer.Ordinal)
        {
            ["topic_name"] = DialogValue.FromText(texts.Topic(topic, session.Language)),
            [ShownKey] = DialogValue.FromBool(session.OwnerId == 0 || store.Topics(session.OwnerId)[topic]),
        };
    }

    /// <summary>
    /// Sets the topic to the opposite of the state the owner was shown and agreed to change, not of what is stored now:
    /// an owner who agreed to "turn off" never has it turned on, whatever happened in between.
    /// </summary>
    private Dictionary<string, DialogValue> SetTopic(UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        var topic = PickedTopic(conversation);
        var enabled = !(conversation.Answers.TryGetValue(ShownKey, out var shown) && shown.AsBool);
        if (session.OwnerId != 0)
        {
            store.SetTopic(session.OwnerId, topic, enabled, now.ToUnixTimeMilliseconds());
            Log.TopicSet(logger, session.OwnerId, topic.Name(), enabled);
        }

        return new Dictionary<string, DialogValue>(StringComparer.Ordinal) { [ShownKey] = DialogValue.FromBool(enabled) };
    }

    private static ReminderTopic PickedTopic(ConversationState conversation)
    {
        var picked = conversation.Answers.TryGetValue(TopicKey, out var value) ? value.Text : null;
        return picked is not null && ReminderTopics.TryParse(picked, out var topic)
            ? topic
            : throw new InvalidOperationException($"{State} and {Set} need '{TopicKey}' to be a reminder topic ({string.Join(", ", ReminderTopics.All.Select(t => t.Name()))}), not '{picked}'.");
    }

    /// <summary>Which of a topic's reminders this is, where the topic has several kinds.</summary>
    private static string? Detail(ReminderKind kind, bool english) => kind switch
    {
        ReminderKind.TrainingIn3Days => english ? "3 days before it starts" : "3 hari sebelum mulai",
        ReminderKind.TrainingIn1Day => english ? "the day before it starts" : "sehari sebelum mulai",
        ReminderKind.TrainingFollowUp => english ? "rating it afterwards" : "penilaian setelahnya",
        _ => null,
    };

    private static string? TextOf(UserSession session, string key) =>
        session.Profile.TryGetValue(key, out var value) && value.Text is { Length: > 0 } text ? text : null;
}
