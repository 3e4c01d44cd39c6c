using System.Data.Common;
using System.Globalization;
using System.Text;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Training;
using Dapper;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// Announcements in the database: creating them, fixing their recipient lists, feeding recipients into the outbox
/// a little at a time (so that quiet hours, opt-outs and cancels apply up to the last moment), and recording each
/// result on the recipient's row. Runs on the writer (worker) or in an operator's command-line process, always
/// inside the write session's transaction, so the worker and the command line never see half a change.
/// The statements of the feeder's rounds and of each send are prepared once; operators' one-off queries go
/// through Dapper.
/// </summary>
internal sealed class BroadcastStore(WriteSession session) : IWriteStore
{
    private const string PendingAnnouncement = "o.priority = 1 AND o.sent_at IS NULL AND o.failed_at IS NULL";

    private PreparedCommand? _insertAnnouncement;
    private PreparedCommand? _releaseClaim;
    private PreparedCommand? _recipientStatus;
    private PreparedCommand? _blockedRecipients;
    private PreparedCommand? _pendingAnnouncements;

    /// <summary>Saves a broadcast; one that is due now starts at once (its recipient list is fixed now).</summary>
    public long CreateBroadcast(BroadcastDraft draft, long now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var scheduled = draft.ScheduledAt?.ToUnixTimeMilliseconds() ?? now;
        var id = Connection.ExecuteScalar<long>(
            $"""
            INSERT INTO broadcasts (text_id, text_en, button_label, button_command, segment, created_by, status, created_at, scheduled_at, whatsapp_template)
            VALUES (@text, @textEn, @label, @command, @segment, @by, '{BroadcastStatuses.Scheduled}', @now, @at, @template) RETURNING id
            """,
            new
            {
                template = draft.WhatsAppTemplate?.Encode(),
                text = draft.TextIndonesian,
                textEn = draft.TextEnglish,
                label = draft.Button?.Label,
                command = draft.Button?.Command,
                segment = draft.Segment.ToString(),
                by = draft.CreatedBy,
                now,
                at = scheduled,
            },
            Transaction);
        if (scheduled <= now)
        {
            StartBroadcast(id, draft.Segment, now);
        }

        return id;
    }

    /// <summary>Fixes the recipient list (one row per owner in the segment now) and marks the broadcast as sending.</summary>
    public int StartBroadcast(long broadcastId, BroadcastSegment segment, long now)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var parameters = new DynamicParameters();
        var sql = new StringBuilder("INSERT INTO broadcast_recipients (broadcast_id, user_id, utc_offset, status, updated_at) SELECT @id, u.id, ")
            .Append(SegmentSql.UtcOffsetSql("u.id"))
            .Append($", '{RecipientStatuses.Waiting}', @now FROM users u WHERE ");
        SegmentSql.AppendConditions(segment, sql, parameters);
        parameters.Add("id", broadcastId);
        parameters.Add("now", now);
        var count = Connection.Execute(sql.ToString(), parameters, Transaction);
        Connection.Execute(
            $"UPDATE broadcasts SET status = '{BroadcastStatuses.Sending}', started_at = @now WHERE id = @id",
            new { now, id = broadcastId },
            Transaction);
        return count;
    }

    /// <summary>
    /// Starts every scheduled broadcast whose time has come; returns their ids and recipient counts, null for one
    /// cancelled instead because its filters no longer read.
    /// </summary>
    public IReadOnlyList<(long Id, int? Recipients)> StartDueBroadcasts(long now)
    {
        var due = Connection.Query<(long Id, string Segment)>(
            $"SELECT id, segment FROM broadcasts WHERE status = '{BroadcastStatuses.Scheduled}' AND scheduled_at <= @now ORDER BY scheduled_at, id{Dialect.SkipLockedOf("broadcasts")}",
            new { now },
            Transaction).AsList();
        var started = new List<(long, int?)>(due.Count);
        foreach (var (id, text) in due)
        {
            // The segment was valid when saved; if a later release reads it differently, better no broadcast than a wrong one.
            if (!SegmentParser.TryParse(text, Languages.English, out var segment, out _))
            {
                Connection.Execute(
                    $"UPDATE broadcasts SET status = '{BroadcastStatuses.Cancelled}', cancelled_at = @now WHERE id = @id", new { now, id }, Transaction);
                started.Add((id, null));
                continue;
            }

            started.Add((id, StartBroadcast(id, segment, now)));
        }

        return started;
    }

    /// <summary>The segment's read-only queries on this session's connection, inside its transaction when one is open.</summary>
    public SegmentReader Segments => new(Connection, Transaction);

    public (int Count, IReadOnlyList<(string Channel, string ChatId, string Language, string? Province)> Sample) PreviewSegment(BroadcastSegment segment, int sampleSize) =>
        Segments.PreviewSegment(segment, sampleSize);

    public SegmentExclusions ExcludedFromSegment(BroadcastSegment segment) => Segments.ExcludedFromSegment(segment);

    public int OutsideWindow(BroadcastSegment segment, long now) => Segments.OutsideWindow(segment, now);

    /// <summary>Announcements of this channel in the outbox that have not gone out yet.</summary>
    public int PendingAnnouncements(string channel)
    {
        var command = _pendingAnnouncements ??= Prepare(
            "SELECT COUNT(*) FROM outbox WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND channel = @channel");
        command.Set("@channel", channel);
        return Convert.ToInt32(command.Scalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Moves up to <paramref name="room"/> waiting recipients of this channel into the outbox, oldest broadcast
    /// first, skipping owners in quiet hours (their offsets are not in <paramref name="awakeOffsets"/>). An owner
    /// who opted out or blocked the assistant since the list was fixed gets nothing; their row says why. On a
    /// channel with a customer-service window (WhatsApp), an owner whose last message is older than the window gets
    /// the broadcast's approved template, or, when it has none, nothing: their row says outside_window, and no
    /// message that would be refused is ever queued.
    /// </summary>
    public int FeedAnnouncements(string channel, int room, IReadOnlyCollection<int> awakeOffsets, long now)
    {
        ArgumentNullException.ThrowIfNull(awakeOffsets);
        if (room <= 0 || awakeOffsets.Count == 0)
        {
            return 0;
        }

        var broadcasts = Connection.Query<(long Id, string Text, string? TextEn, string? Label, string? Command, string? Template)>(
            $"SELECT id, text_id, text_en, button_label, button_command, whatsapp_template FROM broadcasts WHERE status = '{BroadcastStatuses.Sending}' ORDER BY started_at, id",
            transaction: Transaction).AsList();
        var windowOpenSince = CustomerServiceWindow.Applies(channel) ? CustomerServiceWindow.OpenSince(now) : long.MinValue;

        // Offsets are whole minutes computed here, never text from outside: written into the statement as numbers.
        var offsets = string.Join(", ", awakeOffsets.Select(o => o.ToString(CultureInfo.InvariantCulture)));
        var fed = 0;
        foreach (var broadcast in broadcasts)
        {
            if (fed >= room)
            {
                break;
            }

            var batch = Connection.Query<(long UserId, string ChatId, string Language, long OptedOut, long Unreachable, long LastSeen)>(
                $"""
                SELECT r.user_id, u.chat_id, u.language,
                       CASE WHEN u.opted_out_at IS NULL THEN 0 ELSE 1 END, CASE WHEN u.unreachable_at IS NULL THEN 0 ELSE 1 END, u.last_seen_at
                FROM broadcast_recipients r JOIN users u ON u.id = r.user_id
                WHERE r.broadcast_id = @id AND r.status = '{RecipientStatuses.Waiting}' AND r.utc_offset IN ({offsets}) AND u.channel = @channel
                LIMIT @limit{Dialect.SkipLockedOf("r")}
                """,
                new { id = broadcast.Id, channel, limit = room - fed },
                Transaction).AsList();

            var buttons = broadcast.Label is { } label ? OutboxButtons.Encode([new Button(label, broadcast.Command!)]) : null;
            foreach (var recipient in batch)
            {
                if (recipient.OptedOut != 0 || recipient.Unreachable != 0)
                {
                    SetRecipientStatus(broadcast.Id, recipient.UserId, recipient.OptedOut != 0 ? RecipientStatus.OptedOut : RecipientStatus.Blocked, now, outboxId: null);
                    continue;
                }

                // Outside the window only the approved template goes; the text and button are kept on the row for the record.
                var template = recipient.LastSeen < windowOpenSince ? broadcast.Template : null;
                if (recipient.LastSeen < windowOpenSince && template is null)
                {
                    SetRecipientStatus(broadcast.Id, recipient.UserId, RecipientStatus.OutsideWindow, now, outboxId: null);
                    continue;
                }

                var insert = _insertAnnouncement ??= Prepare(
                    "INSERT INTO outbox (user_id, channel, chat_id, priority, text, buttons, created_at, broadcast_id, template) VALUES (@user, @channel, @chat, 1, @text, @buttons, @now, @broadcast, @template) RETURNING id");
                insert.Set("@user", recipient.UserId);
                insert.Set("@channel", channel);
                insert.Set("@chat", recipient.ChatId);
                insert.Set("@text", AnnouncementText.Compose(broadcast.Text, broadcast.TextEn, recipient.Language));
                insert.Set("@buttons", buttons);
                insert.Set("@now", now);
                insert.Set("@broadcast", broadcast.Id);
                insert.Set("@template", template);
                var outboxId = (long)insert.Scalar()!;
                SetRecipientStatus(broadcast.Id, recipient.UserId, RecipientStatus.Queued, now, outboxId);
                fed++;
            }
        }

        return fed;
    }

    /// <summary>
    /// Quiet hours began for some owners while their announcement waited in the outbox: take it back out (unless
    /// it is on the wire) and put them back on the list, to be queued in their morning. Runs every feeder round all
    /// night, so it starts from the few pending announcements (CROSS JOIN keeps that order), not the recipients.
    /// </summary>
    public int HoldForQuietHours(string channel, IReadOnlyCollection<int> quietOffsets, long now)
    {
        ArgumentNullException.ThrowIfNull(quietOffsets);
        if (quietOffsets.Count == 0)
        {
            return 0;
        }

        var offsets = string.Join(", ", quietOffsets.Select(o => o.ToString(CultureInfo.InvariantCulture)));
        // The announcements are claimed as they are picked, so that a dispatcher cannot put one on the wire meanwhile.
        Connection.Execute(
            $"""
            {Held};
            DELETE FROM held;
            INSERT INTO held (outbox_id)
            SELECT o.id FROM outbox o {Dialect.OrderedJoin} broadcast_recipients r ON r.broadcast_id = o.broadcast_id AND r.user_id = o.user_id
            WHERE {PendingAnnouncement} AND o.channel = @channel
              AND o.broadcast_id IS NOT NULL AND o.sending_since IS NULL
              AND r.status = '{RecipientStatuses.Queued}' AND r.utc_offset IN ({offsets})
              AND o.broadcast_id IN (SELECT id FROM broadcasts WHERE status = '{BroadcastStatuses.Sending}'){Dialect.SkipLockedOf("o")};
            UPDATE broadcast_recipients SET status = '{RecipientStatuses.Waiting}', outbox_id = NULL, updated_at = @now
            WHERE (broadcast_id, user_id) IN (SELECT broadcast_id, user_id FROM outbox WHERE id IN (SELECT outbox_id FROM held));
            """,
            new { channel, now },
            Transaction);
        return Connection.Execute("DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM held)", transaction: Transaction);
    }

    /// <summary>Broadcasts with nobody left waiting or queued are finished.</summary>
    public int FinishBroadcasts(long now) =>
        Connection.Execute(
            $"""
            UPDATE broadcasts SET status = '{BroadcastStatuses.Finished}', finished_at = @now
            WHERE status = '{BroadcastStatuses.Sending}'
              AND NOT EXISTS (SELECT 1 FROM broadcast_recipients r WHERE r.broadcast_id = broadcasts.id AND r.status IN ('{RecipientStatuses.Waiting}', '{RecipientStatuses.Queued}'))
            """,
            new { now },
            Transaction);

    /// <summary>Whether any broadcast is scheduled or sending (the feeder polls less often when none is).</summary>
    public bool HasOpenBroadcasts() =>
        Connection.ExecuteScalar<long>(
            $"SELECT CASE WHEN EXISTS (SELECT 1 FROM broadcasts WHERE status IN ('{BroadcastStatuses.Scheduled}', '{BroadcastStatuses.Sending}')) THEN 1 ELSE 0 END",
            transaction: Transaction) == 1;

    /// <summary>
    /// The channel said the announcement was not delivered (429, passing fault): it may be sent again, unless the
    /// broadcast was cancelled or the owner opted out while it was on the wire; then it is taken out of the outbox
    /// and the recipient's row says why.
    /// </summary>
    public void ReleaseClaim(long outboxId, long broadcastId, long userId, long now)
    {
        var command = _releaseClaim ??= Prepare(
            $"""
            UPDATE outbox SET sending_since = NULL WHERE id = @id;
            UPDATE broadcast_recipients
            SET status = CASE WHEN (SELECT status FROM broadcasts WHERE id = @broadcast) <> '{BroadcastStatuses.Sending}' THEN '{RecipientStatuses.Cancelled}' ELSE '{RecipientStatuses.OptedOut}' END,
                updated_at = @now
            WHERE broadcast_id = @broadcast AND user_id = @user
              AND ((SELECT status FROM broadcasts WHERE id = @broadcast) <> '{BroadcastStatuses.Sending}' OR (SELECT opted_out_at FROM users WHERE id = @user) IS NOT NULL);
            DELETE FROM outbox
            WHERE id = @id
              AND ((SELECT status FROM broadcasts WHERE id = @broadcast) <> '{BroadcastStatuses.Sending}' OR (SELECT opted_out_at FROM users WHERE id = @user) IS NOT NULL);
            """);
        command.Set("@id", outboxId);
        command.Set("@broadcast", broadcastId);
        command.Set("@user", userId);
        command.Set("@now", now);
        command.Execute();
    }

    /// <summary>Records what became of one recipient; <paramref name="outboxId"/> (when given) is the outbox row that carries it.</summary>
    public void SetRecipientStatus(long broadcastId, long userId, RecipientStatus status, long now, long? outboxId = null)
    {
        var command = _recipientStatus ??= Prepare(
            "UPDATE broadcast_recipients SET status = @status, updated_at = @now, outbox_id = coalesce(@outbox, outbox_id) WHERE broadcast_id = @broadcast AND user_id = @user");
        command.Set("@status", status.Name());
        command.Set("@now", now);
        command.Set("@outbox", outboxId);
        command.Set("@broadcast", broadcastId);
        command.Set("@user", userId);
        command.Execute();
    }

    /// <summary>
    /// The owner on <paramref name="channel"/>/<paramref name="chatId"/> blocked the assistant: every announcement
    /// still waiting in the outbox for them is recorded as blocked, before the outbox drops those messages.
    /// </summary>
    public void MarkWaitingRecipientsBlocked(string channel, string chatId, long now)
    {
        var command = _blockedRecipients ??= Prepare($"""
            UPDATE broadcast_recipients SET status = '{RecipientStatuses.Blocked}', updated_at = @now
            WHERE (broadcast_id, user_id) IN (
                SELECT o.broadcast_id, o.user_id FROM outbox o
                WHERE {PendingAnnouncement} AND o.channel = @channel AND o.chat_id = @chat AND o.broadcast_id IS NOT NULL)
            """);
        command.Set("@now", now);
        command.Set("@channel", channel);
        command.Set("@chat", chatId);
        command.Execute();
    }

    /// <summary>
    /// After a crash: announcements that were on the wire when the worker died may have been delivered. They
    /// are never sent again (a second copy is worse than none); they are counted as uncertain.
    /// </summary>
    public int ResolveInterruptedSends(string channel, long now)
    {
        Connection.Execute(
            $"""
            UPDATE broadcast_recipients SET status = '{RecipientStatuses.Uncertain}', updated_at = @now
            WHERE (broadcast_id, user_id) IN (
                SELECT broadcast_id, user_id FROM outbox
                WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND channel = @channel AND broadcast_id IS NOT NULL AND sending_since IS NOT NULL)
            """,
            new { channel, now },
            Transaction);
        return Connection.Execute(
            """
            UPDATE outbox SET failed_at = @now, error = 'uncertain: on the wire when the worker stopped'
            WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND channel = @channel AND broadcast_id IS NOT NULL AND sending_since IS NOT NULL
            """,
            new { channel, now },
            Transaction);
    }

    /// <summary>
    /// Cancels a scheduled or sending broadcast: nobody still waiting gets it, and what waits in the outbox is
    /// taken back (what is on the wire finishes). Null when there is no such broadcast; otherwise the status it
    /// had and how many recipients were cancelled.
    /// </summary>
    public (BroadcastStatus PreviousStatus, int Cancelled)? CancelBroadcast(long broadcastId, long now)
    {
        if (Connection.ExecuteScalar<string?>("SELECT status FROM broadcasts WHERE id = @id", new { id = broadcastId }, Transaction) is not { } stored)
        {
            return null;
        }

        var status = BroadcastStatuses.Parse(stored);
        if (!status.IsOpen())
        {
            return (status, 0);
        }

        Connection.Execute(
            $"""
            UPDATE broadcasts SET status = '{BroadcastStatuses.Cancelled}', cancelled_at = @now WHERE id = @id;
            {Held};
            DELETE FROM held;
            INSERT INTO held (outbox_id)
            SELECT id FROM outbox WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND broadcast_id = @id AND sending_since IS NULL{Dialect.SkipLockedOf("outbox")};
            """,
            new { id = broadcastId, now },
            Transaction);
        var cancelled = Connection.Execute(
            $"""
            UPDATE broadcast_recipients SET status = '{RecipientStatuses.Cancelled}', updated_at = @now
            WHERE broadcast_id = @id AND (status = '{RecipientStatuses.Waiting}' OR (status = '{RecipientStatuses.Queued}' AND outbox_id IN (SELECT outbox_id FROM held)))
            """,
            new { id = broadcastId, now },
            Transaction);
        Connection.Execute("DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM held)", transaction: Transaction);
        return (status, cancelled);
    }

    /// <summary>
    /// /berhenti and /mulai. Opting out also takes back announcements waiting in the outbox for the owner. The
    /// statements reach the outbox through its index of pending rows (priority first) and the recipients through
    /// their key, never by scanning either table: they run on the message path.
    /// </summary>
    public void SetOptedOut(long userId, bool optedOut, long now) =>
        Connection.Execute(
            optedOut
                ? $"""
                  UPDATE users SET opted_out_at = coalesce(opted_out_at, @now) WHERE id = @user;
                  {Held};
                  DELETE FROM held;
                  INSERT INTO held (outbox_id)
                  SELECT id FROM outbox WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND user_id = @user AND broadcast_id IS NOT NULL AND sending_since IS NULL{Dialect.SkipLockedOf("outbox")};
                  UPDATE broadcast_recipients SET status = '{RecipientStatuses.OptedOut}', updated_at = @now
                  WHERE (broadcast_id, user_id) IN (SELECT broadcast_id, user_id FROM outbox WHERE id IN (SELECT outbox_id FROM held));
                  DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM held);
                  """
                : "UPDATE users SET opted_out_at = NULL WHERE id = @user",
            new { user = userId, now },
            Transaction);

    public int RecipientCount(long broadcastId) =>
        Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM broadcast_recipients WHERE broadcast_id = @id", new { id = broadcastId }, Transaction);

    public bool IsOptedOut(long userId) =>
        Connection.ExecuteScalar<long?>("SELECT CASE WHEN opted_out_at IS NULL THEN 0 ELSE 1 END FROM users WHERE id = @user", new { user = userId }, Transaction) == 1;

    private DbConnection Connection => session.Connection;

    private ISqlDialect Dialect => session.Dialect;

    /// <summary>
    /// The connection's own list of the outbox rows a statement takes back (cancelled, opted out, quiet hours): picked
    /// once, then the recipients and the outbox are changed by it, whatever the first change did to the conditions.
    /// </summary>
    private string Held => Dialect.TemporaryKeys("held", "outbox_id");

    private DbTransaction? Transaction => session.Transaction;

    public WriteSession Session => session;

    private PreparedCommand Prepare(string sql) => session.Prepare(sql);
}
