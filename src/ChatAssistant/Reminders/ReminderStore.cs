using System.Globalization;
using ChatAssistant.Broadcasts;
using ChatAssistant.Storage;
using Dapper;

namespace ChatAssistant.Reminders;

/// <summary>
/// The durable schedule (<c>reminders</c>), owners' choices (<c>reminder_settings</c>) and the planner's marks
/// (<c>reminder_marks</c>), on the writer's session: planning, queueing and the outbox's outcomes each commit in one
/// transaction, so a reminder is scheduled once (the unique key), queued once (its state moves with the outbox row)
/// and a crash in between loses or repeats nothing.
/// </summary>
internal sealed class ReminderStore(WriteSession session) : IWriteStore
{
    private const string Columns = "id, user_id, kind, subject, due_at, state, reason";

    private PreparedCommand? _schedule;
    private PreparedCommand? _markQueued;
    private PreparedCommand? _close;
    private PreparedCommand? _outcome;
    private PreparedCommand? _getMark;
    private PreparedCommand? _setMark;
    private PreparedCommand? _setTopic;
    private PreparedCommand? _topics;
    private PreparedCommand? _ofOwner;
    private PreparedCommand? _cancelSubject;
    private PreparedCommand? _takeBack;

    public WriteSession Session => session;

    private ISqlDialect Dialect => session.Dialect;

    /// <summary>Schedules a reminder unless this owner already has one of this kind for this subject (in any state); true when added.</summary>
    public bool Schedule(long userId, ReminderKind kind, string subject, long dueAt, long now)
    {
        var command = _schedule ??= Prepare(
            $"INSERT INTO reminders (user_id, kind, subject, due_at, state, created_at, updated_at) VALUES (@user, @kind, @subject, @due, '{ReminderStates.Scheduled}', @now, @now) {Dialect.InsertIgnore}");
        return command.Set("@user", userId).Set("@kind", kind.Name()).Set("@subject", subject).Set("@due", dueAt).Set("@now", now).Execute() > 0;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> reminders of <paramref name="channel"/> due at <paramref name="now"/> for owners whose
    /// local time is not in quiet hours (<paramref name="awakeOffsets"/>, minutes east of UTC): the others wait, scheduled,
    /// until their morning. Only of <paramref name="kinds"/> (those the caller can send): the others wait too, and the
    /// limit is not spent on them, or enough of them would hold back every reminder due after them. Oldest first.
    /// </summary>
    public IReadOnlyList<DueReminder> Due(string channel, long now, IReadOnlyCollection<int> awakeOffsets, int limit, IReadOnlyCollection<ReminderKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(awakeOffsets);
        ArgumentNullException.ThrowIfNull(kinds);
        if (awakeOffsets.Count == 0 || kinds.Count == 0)
        {
            return [];
        }

        // Not prepared: the offsets change with the hour (the kinds are constants, never owners' text), and this runs a few times a minute, not per message.
        using var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = $"""
            SELECT r.id, r.user_id, r.kind, r.subject, r.due_at, u.channel, u.chat_id, u.language, u.last_seen_at,
                   CASE WHEN u.opted_out_at IS NULL THEN 0 ELSE 1 END, CASE WHEN u.unreachable_at IS NULL THEN 0 ELSE 1 END,
                   CASE WHEN EXISTS (SELECT 1 FROM reminder_settings s WHERE s.user_id = r.user_id AND s.enabled = 0 AND s.topic = {TopicOfKindSql("r.kind")}) THEN 1 ELSE 0 END
            FROM reminders r JOIN users u ON u.id = r.user_id
            WHERE r.state = '{ReminderStates.Scheduled}' AND r.due_at <= @now AND u.channel = @channel
              AND r.kind IN ({string.Join(", ", kinds.Select(k => "'" + k.Name() + "'"))})
              AND {SegmentSql.UtcOffsetSql("r.user_id")} IN ({string.Join(", ", awakeOffsets.Select(o => o.ToString(CultureInfo.InvariantCulture)))})
            ORDER BY r.due_at, r.id
            LIMIT {limit.ToString(CultureInfo.InvariantCulture)}{Dialect.SkipLockedOf("r")}
            """;
        AddParameter(command, "@now", now);
        AddParameter(command, "@channel", channel);
        var due = new List<DueReminder>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!ReminderKinds.TryParse(reader.GetString(2), out var kind))
            {
                continue; // a kind a later release added: left for that release
            }

            due.Add(new DueReminder(
                reader.GetInt64(0), reader.GetInt64(1), kind, reader.GetString(3), reader.GetInt64(4), reader.GetString(5), reader.GetString(6),
                reader.GetString(7), reader.GetInt64(8), reader.GetInt64(9) == 1, reader.GetInt64(10) == 1, reader.GetInt64(11) == 1));
        }

        return due;
    }

    /// <summary>The reminder is in the outbox as <paramref name="outboxId"/>.</summary>
    public void MarkQueued(long id, long outboxId, long now) =>
        (_markQueued ??= Prepare($"UPDATE reminders SET state = '{ReminderStates.Queued}', outbox_id = @outbox, updated_at = @now WHERE id = @id AND state = '{ReminderStates.Scheduled}'"))
            .Set("@id", id).Set("@outbox", outboxId).Set("@now", now).Execute();

    /// <summary>Closes a scheduled reminder without sending it: cancelled or skipped, with why.</summary>
    public void Close(long id, ReminderState state, string reason, long now) =>
        (_close ??= Prepare($"UPDATE reminders SET state = @state, reason = @reason, updated_at = @now WHERE id = @id AND state = '{ReminderStates.Scheduled}'"))
            .Set("@id", id).Set("@state", state.Name()).Set("@reason", reason).Set("@now", now).Execute();

    /// <summary>
    /// Cancels this owner's scheduled reminders of <paramref name="kinds"/> for <paramref name="subject"/> (a registration
    /// cancelled, a programme registered for); returns how many.
    /// </summary>
    public int CancelScheduled(long userId, string subject, string reason, long now, params ReadOnlySpan<ReminderKind> kinds)
    {
        var cancelled = 0;
        var command = _cancelSubject ??= Prepare(
            $"UPDATE reminders SET state = '{ReminderStates.Cancelled}', reason = @reason, updated_at = @now WHERE user_id = @user AND kind = @kind AND subject = @subject AND state = '{ReminderStates.Scheduled}'");
        foreach (var kind in kinds)
        {
            cancelled += command.Set("@user", userId).Set("@kind", kind.Name()).Set("@subject", subject).Set("@reason", reason).Set("@now", now).Execute();
        }

        return cancelled;
    }

    /// <summary>What became of a queued reminder's outbox message; nothing when the message is not a reminder.</summary>
    public void Outcome(long outboxId, ReminderState state, string? reason, long now) =>
        (_outcome ??= Prepare($"UPDATE reminders SET state = @state, reason = @reason, updated_at = @now WHERE outbox_id = @outbox AND state = '{ReminderStates.Queued}'"))
            .Set("@outbox", outboxId).Set("@state", state.Name()).Set("@reason", reason).Set("@now", now).Execute();

    /// <summary>
    /// The channel refused a queued reminder because the owner's window had closed meanwhile (WhatsApp's 24 hours): the
    /// outbox held it to go with the owner's next message, days late and ahead of the reply to it. It is taken out of the
    /// outbox instead and failed, as the scheduler would have skipped it had the window been closed when it was queued.
    /// </summary>
    public void FailOutsideWindow(long outboxId, long now)
    {
        (_takeBack ??= Prepare($"""
            UPDATE outbox SET failed_at = @now, error = '{ReminderReasons.OutsideWindow}'
            WHERE id = @outbox AND sent_at IS NULL AND failed_at IS NULL
              AND EXISTS (SELECT 1 FROM reminders WHERE outbox_id = @outbox AND state = '{ReminderStates.Queued}')
            """)).Set("@outbox", outboxId).Set("@now", now).Execute();
        Outcome(outboxId, ReminderState.Failed, ReminderReasons.OutsideWindow, now);
    }

    /// <summary>The owner blocked the assistant: their reminders still waiting in the outbox will not go.</summary>
    public int FailQueuedFor(string channel, string chatId, string reason, long now) =>
        session.Connection.Execute(
            $"""
            UPDATE reminders SET state = '{ReminderStates.Failed}', reason = @reason, updated_at = @now
            WHERE state = '{ReminderStates.Queued}'
              AND outbox_id IN (SELECT id FROM outbox WHERE channel = @channel AND chat_id = @chat AND sent_at IS NULL AND failed_at IS NULL)
            """,
            new { reason, now, channel, chat = chatId },
            session.Transaction);

    /// <summary>A planner's mark (how far it has read a source); <paramref name="initial"/> when it has none yet.</summary>
    public long Mark(string name, long initial)
    {
        var value = (_getMark ??= Prepare("SELECT value FROM reminder_marks WHERE name = @name")).Set("@name", name).Scalar();
        return value is null or DBNull ? initial : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public void SetMark(string name, long value) =>
        (_setMark ??= Prepare($"INSERT INTO reminder_marks (name, value) VALUES (@name, @value) {Dialect.Upsert("name", "value")}"))
            .Set("@name", name).Set("@value", value).Execute();

    /// <summary>Turns a topic off or on for the owner; its scheduled reminders stay and go only while it is on.</summary>
    public void SetTopic(long userId, ReminderTopic topic, bool enabled, long now) =>
        (_setTopic ??= Prepare($"INSERT INTO reminder_settings (user_id, topic, enabled, updated_at) VALUES (@user, @topic, @enabled, @now) {Dialect.Upsert("user_id, topic", "enabled", "updated_at")}"))
            .Set("@user", userId).Set("@topic", topic.Name()).Set("@enabled", enabled ? 1 : 0).Set("@now", now).Execute();

    /// <summary>Whether each topic is on for the owner (on unless turned off).</summary>
    public IReadOnlyDictionary<ReminderTopic, bool> Topics(long userId)
    {
        var topics = ReminderTopics.All.ToDictionary(t => t, _ => true);
        var command = _topics ??= Prepare("SELECT topic, enabled FROM reminder_settings WHERE user_id = @user");
        command.Set("@user", userId);
        using var reader = command.Read();
        while (reader.Read())
        {
            if (ReminderTopics.TryParse(reader.GetString(0), out var topic))
            {
                topics[topic] = reader.GetInt64(1) != 0;
            }
        }

        return topics;
    }

    /// <summary>The owner's reminders still to come (scheduled or queued), soonest first.</summary>
    public IReadOnlyList<ScheduledReminder> Upcoming(long userId)
    {
        var command = _ofOwner ??= Prepare(
            $"SELECT {Columns} FROM reminders WHERE user_id = @user AND state IN ('{ReminderStates.Scheduled}', '{ReminderStates.Queued}') ORDER BY due_at, id");
        command.Set("@user", userId);
        var list = new List<ScheduledReminder>();
        using var reader = command.Read();
        while (reader.Read())
        {
            if (Read(reader) is { } reminder)
            {
                list.Add(reminder);
            }
        }

        return list;
    }

    /// <summary>One row of <see cref="Columns"/>; null for a kind this release does not know.</summary>
    internal static ScheduledReminder? Read(System.Data.Common.DbDataReader reader) =>
        ReminderKinds.TryParse(reader.GetString(2), out var kind)
            ? new ScheduledReminder(
                reader.GetInt64(0), reader.GetInt64(1), kind, reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                ReminderStates.Parse(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6))
            : null;

    /// <summary>SQL for the topic of a stored kind, to match <c>reminder_settings.topic</c>.</summary>
    internal static string TopicOfKindSql(string kindColumn) =>
        "CASE " + string.Join(" ", ReminderKinds.All.Select(k => $"WHEN {kindColumn} = '{k.Name()}' THEN '{k.Topic().Name()}'")) + " END";

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private PreparedCommand Prepare(string sql) => session.Prepare(sql);
}
