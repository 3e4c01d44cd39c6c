using System.Globalization;
using ChatAssistant.Broadcasts;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Reminders;

/// <summary>
/// Unfinished dialogs: one nudge a day (<see cref="ReminderOptions.UnfinishedAfter"/>) after an owner stopped mid-dialog,
/// never a second for the same stop. A stop is an owners' conversation still active and untouched since; its subject is
/// "&lt;conversation id&gt;@&lt;updated_at&gt;", so the same stop is scheduled once (the reminders' unique key) while a later
/// stop of the same conversation is a new subject with its own nudge. The button sends the dialog's first command, which
/// resumes the open conversation at its question (<c>CommandHandler.StartOrResume</c>).
/// </summary>
/// <remarks>
/// Finding stops must stay cheap with millions of owners, and no index on <c>conversations.updated_at</c> may be added:
/// every message updates that column, so such an index would slow the message path (and on PostgreSQL end its HOT
/// updates). Every turn that touches a conversation also writes its reply to the outbox, in the same transaction and at
/// the same time; the outbox's ids follow time. So the planner walks the outbox by id (its primary key) up to the replies
/// written <see cref="ReminderOptions.UnfinishedAfter"/> ago, keeping how far it got as a mark, and looks up only those
/// replies' owners' open conversations (the <c>conversations_open</c> index). Each reply is read once, about a day after
/// it was written; nothing is scanned twice and nothing on the message path changes. On WhatsApp the nudge goes half an
/// hour before the 24-hour window closes (<see cref="AfterOn"/>), as the text with its button rather than a template.
/// </remarks>
internal sealed class UnfinishedReminderSource(ConversationEngine engine, IOptions<ReminderOptions> options, ILogger<UnfinishedReminderSource> logger) : IReminderSource
{
    /// <summary>The planner's mark: the last outbox id it has read.</summary>
    internal const string OutboxMark = "unfinished.outbox";

    /// <summary>Outbox rows read per round at most; a backlog (a large announcement) is caught up over the next rounds.</summary>
    internal const int BatchSize = 5000;

    /// <summary>
    /// A reply merged into an earlier one still waiting (the outbox's coalescing) keeps that row's older time: a
    /// conversation touched this much after its reply row is still taken as stopped there. Scheduling one too early
    /// costs nothing: it waits for its due time, and <see cref="Check"/> cancels it if the owner went on.
    /// </summary>
    private static readonly TimeSpan MergedReplySlack = TimeSpan.FromMinutes(10);

    /// <summary>
    /// On WhatsApp, how long before the 24-hour window closes a nudge is due at the latest: the window's own margin
    /// for a message waiting in the outbox (<see cref="CustomerServiceWindow.Margin"/>) and time for a round to queue it.
    /// </summary>
    internal static readonly TimeSpan WhatsAppLead = TimeSpan.FromMinutes(30);

    /// <summary>How far past a day the first round ever looks back: stops that are due about now.</summary>
    private static readonly TimeSpan FirstRoundLookBack = TimeSpan.FromHours(1);

    private readonly SessionStatements _sql = new();

    public IReadOnlyList<ReminderKind> Kinds { get; } = [ReminderKind.Unfinished];

    public void Plan(ReminderStore store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var after = (long)options.Value.UnfinishedAfter.TotalMilliseconds;
        var nowMs = now.ToUnixTimeMilliseconds();

        // Replies are read when the soonest nudge of their stop may be due (WhatsApp's, a little before a day); a later
        // one is scheduled ahead, and waits for its due time.
        var cutoff = nowMs - AfterOn(ChannelNames.WhatsApp, after);
        var session = store.Session;

        // First round ever: start at the replies of the last day (and a little more), so stops just before reminders
        // were turned on still get their nudge on time, and months of history are not read.
        var mark = store.Mark(OutboxMark, -1);
        if (mark < 0)
        {
            mark = LastOutboxIdAtOrBefore(store, cutoff - (long)FirstRoundLookBack.TotalMilliseconds);
            store.SetMark(OutboxMark, mark);
        }
        var owners = new HashSet<long>();
        var last = mark;
        using (var reader = _sql.Get(store.Session, "replies", RepliesSql).Set("@mark", mark).Read())
        {
            while (reader.Read())
            {
                if (reader.GetInt64(2) > cutoff)
                {
                    break; // not a day old yet: this reply and every later one wait for a later round
                }

                last = reader.GetInt64(0);
                if (reader.GetInt64(3) == (long)OutboxPriority.Interactive)
                {
                    owners.Add(reader.GetInt64(1)); // replies, not announcements or reminders: an owner wrote then
                }
            }
        }

        if (last == mark)
        {
            return;
        }

        store.SetMark(OutboxMark, last);
        var catalog = engine.Catalog;
        var latest = cutoff + (long)MergedReplySlack.TotalMilliseconds;
        var planned = 0;
        var stops = new List<(long Owner, long Id, long UpdatedAt, long DueAt)>();
        foreach (var owner in owners)
        {
            using var reader = _sql.Get(store.Session, "stopped", StoppedSql).Set("@user", owner).Read();
            while (reader.Read())
            {
                var (id, dialogId, updatedAt) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2));
                if (updatedAt <= latest && ResumeCommand(catalog, dialogId) is not null)
                {
                    stops.Add((owner, id, updatedAt, updatedAt + AfterOn(reader.GetString(3), after)));
                }

                // else the owner went on since (that turn's reply comes later), or it is nothing an owner can resume
            }
        }

        foreach (var (owner, id, updatedAt, dueAt) in stops)
        {
            if (store.Schedule(owner, ReminderKind.Unfinished, Subject(id, updatedAt), dueAt, nowMs))
            {
                planned++;
            }
        }

        if (planned > 0)
        {
            Log.UnfinishedPlanned(logger, planned);
        }
    }

    public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reminder);
        if (!TryParseSubject(reminder.Subject, out var conversationId, out var stoppedAt))
        {
            return ReminderCheck.Cancel(ReminderReasons.TooLate);
        }

        string dialogId;
        bool stillStopped;
        using (var reader = _sql.Get(store.Session, "conversation", ConversationSql).Set("@id", conversationId).Read())
        {
            stillStopped = reader.Read()
                && reader.GetInt64(0) == reminder.UserId
                && reader.GetInt64(1) == (int)ConversationStatus.Active
                && reader.GetInt64(2) == stoppedAt
                && reader.GetInt64(4) == 0
                && reminder.LastSeenAt <= stoppedAt;
            dialogId = stillStopped ? reader.GetString(3) : string.Empty;
        }

        if (!stillStopped)
        {
            // Finished, cancelled, paused for another dialog, moved on, with a person now, or written since without
            // moving on (help, a question to a person): the owner came back, so this stop needs no nudge.
            return ReminderCheck.Cancel(ReminderReasons.Resumed);
        }

        var catalog = engine.Catalog;
        var dialog = catalog.Find(dialogId);
        if (dialog is null || ResumeCommand(catalog, dialog.Id) is not { } command)
        {
            return ReminderCheck.Cancel(ReminderReasons.TooLate); // the dialog is gone from the folder: nothing to continue
        }

        return ReminderCheck.Send(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["dialog"] = dialog.Definition.Title.Plain(reminder.Language) },
            command);
    }

    /// <summary>
    /// How long after a stop its nudge goes on <paramref name="channel"/>: <see cref="ReminderOptions.UnfinishedAfter"/>,
    /// but on WhatsApp at most until <see cref="WhatsAppLead"/> before the 24-hour window closes. A day after the owner's
    /// last message the window has just closed, and the nudge could only go as an approved template (which few
    /// deployments have for it); a little earlier it goes as the text with its button.
    /// </summary>
    internal static long AfterOn(string channel, long after) =>
        CustomerServiceWindow.Applies(channel)
            ? Math.Min(after, (long)(CustomerServiceWindow.Length - WhatsAppLead).TotalMilliseconds)
            : after;

    /// <summary>"&lt;conversation id&gt;@&lt;updated_at&gt;": one stop of one conversation.</summary>
    internal static string Subject(long conversationId, long updatedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{conversationId}@{updatedAt}");

    internal static bool TryParseSubject(string subject, out long conversationId, out long updatedAt)
    {
        conversationId = updatedAt = 0;
        var at = subject.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && long.TryParse(subject.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out conversationId)
            && long.TryParse(subject.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out updatedAt);
    }

    /// <summary>
    /// The command that resumes a conversation of this dialog: its first one, which with no start parameters resumes the
    /// open conversation at its question. None for an operators' dialog, one without a command, or one no longer live.
    /// </summary>
    private static string? ResumeCommand(DialogCatalog catalog, string dialogId) =>
        catalog.Find(dialogId)?.Definition is { Audience: DialogAudience.Owners, Commands.Count: > 0 } definition ? definition.Commands[0] : null;

    /// <summary>
    /// The last outbox id written at or before <paramref name="time"/> (0 when none): a binary search on the primary key,
    /// since ids follow time and <c>created_at</c> has no index. A few dozen lookups, once.
    /// </summary>
    private static long LastOutboxIdAtOrBefore(ReminderStore store, long time)
    {
        var session = store.Session;
        long low, high;
        using (var bounds = Command(session, "SELECT MIN(id), MAX(id) FROM outbox"))
        using (var reader = bounds.ExecuteReader())
        {
            if (!reader.Read() || reader.IsDBNull(0))
            {
                return 0;
            }

            (low, high) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        using var at = Command(session, "SELECT id, created_at FROM outbox WHERE id >= @id ORDER BY id LIMIT 1");
        var parameter = at.CreateParameter();
        parameter.ParameterName = "@id";
        at.Parameters.Add(parameter);
        var found = low - 1; // every row is later than time: start before the first
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            parameter.Value = middle;
            using var reader = at.ExecuteReader();
            if (!reader.Read())
            {
                break;
            }

            var (id, created) = (reader.GetInt64(0), reader.GetInt64(1));
            if (created <= time)
            {
                found = id;
                low = id + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Math.Max(found, 0);
    }

    private static System.Data.Common.DbCommand Command(WriteSession session, string sql)
    {
        var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>The next outbox rows after the mark, oldest first (the primary key's order).</summary>
    private static readonly string RepliesSql =
        $"SELECT id, user_id, created_at, priority FROM outbox WHERE id > @mark ORDER BY id LIMIT {BatchSize.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The owner's active conversation, unless a person has the owner's chat (<c>status &lt; 2</c> is the
    /// <c>conversations_open</c> index's condition, written out so that both engines use it).
    /// </summary>
    private static readonly string StoppedSql =
        $"""
        SELECT c.id, c.dialog_id, c.updated_at, (SELECT u.channel FROM users u WHERE u.id = c.user_id) FROM conversations c
        WHERE c.user_id = @user AND c.status < {(int)ConversationStatus.Completed} AND c.status = {(int)ConversationStatus.Active}
          AND NOT EXISTS (SELECT 1 FROM users u JOIN handoffs h ON h.channel = u.channel AND h.chat_id = u.chat_id
                          WHERE u.id = c.user_id AND h.closed_at IS NULL)
        """;

    /// <summary>One conversation as it is now, and whether a person has its owner's chat.</summary>
    private static readonly string ConversationSql =
        """
        SELECT c.user_id, c.status, c.updated_at, c.dialog_id,
               CASE WHEN EXISTS (SELECT 1 FROM users u JOIN handoffs h ON h.channel = u.channel AND h.chat_id = u.chat_id
                                 WHERE u.id = c.user_id AND h.closed_at IS NULL) THEN 1 ELSE 0 END
        FROM conversations c WHERE c.id = @id
        """;
}
