using System.Globalization;
using System.Text;
using ChatAssistant.Broadcasts;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>
/// Announcements: creating them, fixing their recipient lists, feeding recipients into the outbox a little at a
/// time (so that quiet hours, opt-outs and cancels apply up to the last moment), and recording each result on
/// the recipient's row. Runs on the writer (worker) or in an operator's command-line process, always inside a
/// write transaction (<see cref="Begin"/>), so the worker and the command line never see half a change.
/// </summary>
internal sealed partial class ConversationStore
{
    private SqliteCommand? _insertAnnouncement;
    private SqliteCommand? _claim;
    private SqliteCommand? _releaseClaim;
    private SqliteCommand? _recipientStatus;
    private SqliteCommand? _pendingAnnouncements;

    /// <summary>Saves a broadcast; one that is due now starts at once (its recipient list is fixed now).</summary>
    public long CreateBroadcast(BroadcastDraft draft, long now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var scheduled = draft.ScheduledAt?.ToUnixTimeMilliseconds() ?? now;
        using var command = Command("""
            INSERT INTO broadcasts (text_id, text_en, button_label, button_command, segment, created_by, status, created_at, scheduled_at)
            VALUES ($text, $textEn, $label, $command, $segment, $by, 'scheduled', $now, $at) RETURNING id
            """);
        command.Parameters.AddWithValue("$text", draft.TextIndonesian);
        command.Parameters.AddWithValue("$textEn", (object?)draft.TextEnglish ?? DBNull.Value);
        command.Parameters.AddWithValue("$label", (object?)draft.Button?.Label ?? DBNull.Value);
        command.Parameters.AddWithValue("$command", (object?)draft.Button?.Command ?? DBNull.Value);
        command.Parameters.AddWithValue("$segment", draft.Segment.ToString());
        command.Parameters.AddWithValue("$by", draft.CreatedBy);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$at", scheduled);
        var id = (long)command.ExecuteScalar()!;
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
        using var command = Command(string.Empty);
        var sql = new StringBuilder("INSERT INTO broadcast_recipients (broadcast_id, user_id, utc_offset, status, updated_at) SELECT $id, u.id, ")
            .Append(BroadcastSegment.UtcOffsetSql("u.id"))
            .Append(", 'waiting', $now FROM users u WHERE ");
        segment.AppendConditions(sql, command);
        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("$id", broadcastId);
        command.Parameters.AddWithValue("$now", now);
        var count = command.ExecuteNonQuery();

        using var update = Command("UPDATE broadcasts SET status = 'sending', started_at = $now WHERE id = $id");
        update.Parameters.AddWithValue("$now", now);
        update.Parameters.AddWithValue("$id", broadcastId);
        update.ExecuteNonQuery();
        return count;
    }

    /// <summary>
    /// Starts every scheduled broadcast whose time has come; returns their ids and recipient counts, null for one
    /// cancelled instead because its filters no longer read.
    /// </summary>
    public IReadOnlyList<(long Id, int? Recipients)> StartDueBroadcasts(long now)
    {
        var due = new List<(long Id, string Segment)>();
        using (var select = Command("SELECT id, segment FROM broadcasts WHERE status = 'scheduled' AND scheduled_at <= $now ORDER BY scheduled_at, id"))
        {
            select.Parameters.AddWithValue("$now", now);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                due.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var started = new List<(long, int?)>(due.Count);
        foreach (var (id, text) in due)
        {
            // The segment was valid when saved; if a later release reads it differently, better no broadcast than a wrong one.
            if (!BroadcastSegment.TryParse(text, Languages.English, out var segment, out _))
            {
                SetBroadcastStatus(id, "cancelled", "cancelled_at", now);
                started.Add((id, null));
                continue;
            }

            started.Add((id, StartBroadcast(id, segment, now)));
        }

        return started;
    }

    /// <summary>How many owners a segment has now, and a few of them (channel, chat id, language, province) for a preview.</summary>
    public (int Count, IReadOnlyList<(string Channel, string ChatId, string Language, string? Province)> Sample) PreviewSegment(BroadcastSegment segment, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(segment);
        using var count = Command(string.Empty);
        var where = new StringBuilder();
        segment.AppendConditions(where, count);
        count.CommandText = "SELECT COUNT(*) FROM users u WHERE " + where;
        var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);

        using var sample = Command(string.Empty);
        where.Clear();
        segment.AppendConditions(where, sample);
        sample.CommandText = "SELECT u.channel, u.chat_id, u.language, (SELECT substr(p.value, 3) FROM profile_values p WHERE p.user_id = u.id AND p.key = 'province') FROM users u WHERE "
            + where + " ORDER BY u.last_seen_at DESC LIMIT $limit";
        sample.Parameters.AddWithValue("$limit", sampleSize);
        var rows = new List<(string, string, string, string?)>();
        using var reader = sample.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return (total, rows);
    }

    /// <summary>
    /// Who a segment's filters match but the segment leaves out, and why: owners who only used the terminal chat
    /// (announcements go to chat apps), owners who opted out (/berhenti), and owners the channel reported
    /// unreachable (they blocked the assistant). Each owner is counted once, under the first reason.
    /// </summary>
    public SegmentExclusions ExcludedFromSegment(BroadcastSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        using var command = Command(string.Empty);
        var where = new StringBuilder();
        segment.AppendConditions(where, command, reachableOnly: false);
        command.CommandText = """
            SELECT coalesce(SUM(u.channel = 'console'), 0),
                   coalesce(SUM(u.channel <> 'console' AND u.opted_out_at IS NOT NULL), 0),
                   coalesce(SUM(u.channel <> 'console' AND u.opted_out_at IS NULL AND u.unreachable_at IS NOT NULL), 0)
            FROM users u WHERE
            """ + " " + where;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new SegmentExclusions(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    /// <summary>
    /// Filter values that no owner has, so that the segment is empty whatever else it says ("sektor=makanan"
    /// where the dialogs save "food"), or that name a programme that does not exist (where "not registered for"
    /// would silently mean everyone): the operator is told what values there are, with the likeliest one.
    /// <paramref name="programmes"/> are the training catalogue's programme ids.
    /// </summary>
    public IReadOnlyList<string> SegmentProblems(BroadcastSegment segment, string language, IReadOnlyCollection<string> programmes)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(programmes);
        var english = language == Languages.English;
        var problems = new List<string>();
        if (segment.Sectors.Count > 0)
        {
            var known = Distinct("SELECT DISTINCT substr(value, 3) FROM profile_values WHERE key = 'sector'", null);
            foreach (var sector in segment.Sectors.Where(s => !known.Contains(s)))
            {
                var hint = Hint(sector, known);
                problems.Add(english
                    ? $"No owner has the sector \"{sector}\"{hint}. Sectors owners have: {List(known)}."
                    : $"Belum ada pemilik usaha dengan sektor \"{sector}\"{hint}. Sektor yang ada: {List(known)}.");
            }
        }

        if (segment.OutcomeDialog is { } dialog)
        {
            var known = Distinct("SELECT DISTINCT outcome FROM conversations WHERE dialog_id = $value AND status = 2 AND outcome IS NOT NULL", dialog);
            if (known.Count == 0)
            {
                var dialogs = Distinct("SELECT DISTINCT dialog_id FROM conversations WHERE status = 2 AND outcome IS NOT NULL", null);
                var hint = Hint(dialog, dialogs);
                problems.Add(english
                    ? $"No conversation of the dialog \"{dialog}\"{hint} has ended with an outcome yet. Dialogs with outcomes: {List(dialogs)}."
                    : $"Belum ada percakapan dialog \"{dialog}\"{hint} yang selesai dengan hasil. Dialog yang sudah punya hasil: {List(dialogs)}.");
            }
            else if (!known.Contains(segment.Outcome!))
            {
                var hint = Hint(segment.Outcome!, known);
                problems.Add(english
                    ? $"No conversation of {dialog} has ended with \"{segment.Outcome}\"{hint}. Outcomes so far: {List(known)}."
                    : $"Belum ada percakapan {dialog} yang berakhir dengan hasil \"{segment.Outcome}\"{hint}. Hasil yang ada: {List(known)}.");
            }
        }

        if (segment.AnswerKey is { } key)
        {
            // Answers have no index on their key: the values are read only for the one key asked, and the list of
            // keys only when that key is not there (operators' checks, never on an owner's message).
            using var exists = Command("SELECT EXISTS (SELECT 1 FROM answers WHERE key = $key AND substr(value, 3) = $value)");
            exists.Parameters.AddWithValue("$key", key);
            exists.Parameters.AddWithValue("$value", segment.AnswerValue!);
            var values = Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 1
                ? [segment.AnswerValue!]
                : Distinct("SELECT DISTINCT substr(value, 3) FROM answers WHERE key = $value LIMIT 200", key);
            if (values.Count == 0)
            {
                var keys = Distinct("SELECT DISTINCT key FROM answers", null);
                var hint = Hint(key, keys);
                problems.Add(english
                    ? $"No owner has an answer saved under \"{key}\"{hint}. Keys with answers: {List(keys)}."
                    : $"Belum ada jawaban yang tersimpan dengan kunci \"{key}\"{hint}. Kunci yang ada: {List(keys)}.");
            }
            else if (!values.Contains(segment.AnswerValue!))
            {
                var hint = Hint(segment.AnswerValue!, values);
                problems.Add(english
                    ? $"No owner answered {key} with \"{segment.AnswerValue}\"{hint}. Answers so far: {List(values)}."
                    : $"Belum ada pemilik usaha yang menjawab {key} dengan \"{segment.AnswerValue}\"{hint}. Jawaban yang ada: {List(values)}.");
            }
        }

        var registered = segment.RegisteredFor is null && segment.NotRegisteredFor is null
            ? []
            : Distinct("SELECT DISTINCT program_id FROM training_registrations WHERE status <> 'cancelled'", null);
        if (segment.RegisteredFor is { } program && !registered.Contains(program))
        {
            var hint = Hint(program, registered.Union(programmes));
            problems.Add(english
                ? $"Nobody is registered for \"{program}\"{hint}. Programmes with registrations: {List(registered)}."
                : $"Belum ada yang terdaftar di program \"{program}\"{hint}. Program yang sudah ada pendaftarnya: {List(registered)}.");
        }

        if (segment.NotRegisteredFor is { } other && !registered.Contains(other) && !programmes.Contains(other))
        {
            // "Not registered for" a programme that does not exist would be everyone: refuse the likely typo.
            var all = registered.Union(programmes).ToHashSet(StringComparer.Ordinal);
            var hint = Hint(other, all);
            problems.Add(english
                ? $"There is no programme \"{other}\"{hint}. Programmes: {List(all)}."
                : $"Tidak ada program \"{other}\"{hint}. Program yang ada: {List(all)}.");
        }

        return problems;

        // A list an operator can read in a chat: the first values in order, and how many there are in all.
        string List(IEnumerable<string> values)
        {
            var all = values.Order(StringComparer.Ordinal).ToList();
            return all.Count switch
            {
                0 => "-",
                <= 20 => string.Join(", ", all),
                _ => string.Join(", ", all.Take(20)) + (english ? $", ... ({all.Count} in all)" : $", ... ({all.Count} semuanya)"),
            };
        }

        string Hint(string written, IEnumerable<string> candidates) => Closest.Hint(Closest.To(written, candidates), english);
    }

    private HashSet<string> Distinct(string sql, string? value)
    {
        using var command = Command(sql);
        if (value is not null)
        {
            command.Parameters.AddWithValue("$value", value);
        }

        var values = new HashSet<string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Announcements of this channel in the outbox that have not gone out yet.</summary>
    public int PendingAnnouncements(string channel)
    {
        var command = _pendingAnnouncements ??= PrepareLate(
            "SELECT COUNT(*) FROM outbox WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND channel = $channel", "$channel");
        command.Parameters[0].Value = channel;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Moves up to <paramref name="room"/> waiting recipients of this channel into the outbox, oldest broadcast
    /// first, skipping owners in quiet hours (their offsets are not in <paramref name="awakeOffsets"/>). An owner
    /// who opted out or blocked the assistant since the list was fixed gets nothing; their row says why.
    /// </summary>
    public int FeedAnnouncements(string channel, int room, IReadOnlyCollection<int> awakeOffsets, long now)
    {
        if (room <= 0 || awakeOffsets.Count == 0)
        {
            return 0;
        }

        var broadcasts = new List<(long Id, string Text, string? TextEn, BroadcastButton? Button)>();
        using (var select = Command("SELECT id, text_id, text_en, button_label, button_command FROM broadcasts WHERE status = 'sending' ORDER BY started_at, id"))
        {
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var button = reader.IsDBNull(3) ? null : new BroadcastButton(reader.GetString(3), reader.GetString(4));
                broadcasts.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), button));
            }
        }

        var offsets = string.Join(", ", awakeOffsets.Select(o => o.ToString(CultureInfo.InvariantCulture)));
        var fed = 0;
        foreach (var broadcast in broadcasts)
        {
            if (fed >= room)
            {
                break;
            }

            var batch = new List<(long UserId, string ChatId, string Language, bool OptedOut, bool Unreachable)>();
            using (var select = Command($"""
                SELECT r.user_id, u.chat_id, u.language, u.opted_out_at IS NOT NULL, u.unreachable_at IS NOT NULL
                FROM broadcast_recipients r JOIN users u ON u.id = r.user_id
                WHERE r.broadcast_id = $id AND r.status = 'waiting' AND r.utc_offset IN ({offsets}) AND u.channel = $channel
                LIMIT $limit
                """))
            {
                select.Parameters.AddWithValue("$id", broadcast.Id);
                select.Parameters.AddWithValue("$channel", channel);
                select.Parameters.AddWithValue("$limit", room - fed);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    batch.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4)));
                }
            }

            var buttons = broadcast.Button is { } b ? OutboxButtons.Encode([new Button(b.Label, b.Command)]) : null;
            foreach (var recipient in batch)
            {
                if (recipient.OptedOut || recipient.Unreachable)
                {
                    SetRecipientStatus(broadcast.Id, recipient.UserId, recipient.OptedOut ? "opted_out" : "blocked", now, outboxId: null);
                    continue;
                }

                var insert = _insertAnnouncement ??= PrepareLate(
                    "INSERT INTO outbox (user_id, channel, chat_id, priority, text, buttons, created_at, broadcast_id) VALUES ($user, $channel, $chat, 1, $text, $buttons, $now, $broadcast) RETURNING id",
                    "$user", "$channel", "$chat", "$text", "$buttons", "$now", "$broadcast");
                insert.Parameters[0].Value = recipient.UserId;
                insert.Parameters[1].Value = channel;
                insert.Parameters[2].Value = recipient.ChatId;
                insert.Parameters[3].Value = AnnouncementText.Compose(broadcast.Text, broadcast.TextEn, recipient.Language);
                insert.Parameters[4].Value = (object?)buttons ?? DBNull.Value;
                insert.Parameters[5].Value = now;
                insert.Parameters[6].Value = broadcast.Id;
                var outboxId = (long)insert.ExecuteScalar()!;
                SetRecipientStatus(broadcast.Id, recipient.UserId, "queued", now, outboxId);
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
        if (quietOffsets.Count == 0)
        {
            return 0;
        }

        var offsets = string.Join(", ", quietOffsets.Select(o => o.ToString(CultureInfo.InvariantCulture)));
        using var command = Command($"""
            CREATE TEMP TABLE IF NOT EXISTS held (outbox_id INTEGER PRIMARY KEY);
            DELETE FROM temp.held;
            INSERT INTO temp.held (outbox_id)
            SELECT o.id FROM outbox o CROSS JOIN broadcast_recipients r ON r.broadcast_id = o.broadcast_id AND r.user_id = o.user_id
            WHERE o.priority = 1 AND o.sent_at IS NULL AND o.failed_at IS NULL AND o.channel = $channel
              AND o.broadcast_id IS NOT NULL AND o.sending_since IS NULL
              AND r.status = 'queued' AND r.utc_offset IN ({offsets})
              AND o.broadcast_id IN (SELECT id FROM broadcasts WHERE status = 'sending');
            UPDATE broadcast_recipients SET status = 'waiting', outbox_id = NULL, updated_at = $now
            WHERE (broadcast_id, user_id) IN (SELECT broadcast_id, user_id FROM outbox WHERE id IN (SELECT outbox_id FROM temp.held));
            DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM temp.held);
            SELECT changes();
            """);
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$now", now);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Broadcasts with nobody left waiting or queued are finished.</summary>
    public int FinishBroadcasts(long now)
    {
        using var command = Command("""
            UPDATE broadcasts SET status = 'finished', finished_at = $now
            WHERE status = 'sending'
              AND NOT EXISTS (SELECT 1 FROM broadcast_recipients r WHERE r.broadcast_id = broadcasts.id AND r.status IN ('waiting', 'queued'))
            """);
        command.Parameters.AddWithValue("$now", now);
        return command.ExecuteNonQuery();
    }

    /// <summary>Whether any broadcast is scheduled or sending (the feeder polls less often when none is).</summary>
    public bool HasOpenBroadcasts()
    {
        using var command = Command("SELECT EXISTS (SELECT 1 FROM broadcasts WHERE status IN ('scheduled', 'sending'))");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>
    /// Marks an announcement as going on the wire, committed before the send; false when it is no longer
    /// pending (cancelled, opted out, held for quiet hours, or already claimed), and then it must not be sent.
    /// </summary>
    public bool ClaimForSending(long outboxId, long now)
    {
        var command = _claim ??= PrepareLate(
            "UPDATE outbox SET sending_since = $now WHERE id = $id AND sent_at IS NULL AND failed_at IS NULL AND sending_since IS NULL", "$now", "$id");
        command.Parameters[0].Value = now;
        command.Parameters[1].Value = outboxId;
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// The channel said the announcement was not delivered (429, passing fault): it may be sent again, unless the
    /// broadcast was cancelled or the owner opted out while it was on the wire; then it is taken out of the outbox
    /// and the recipient's row says why.
    /// </summary>
    public void ReleaseClaim(long outboxId, long broadcastId, long userId, long now)
    {
        var command = _releaseClaim ??= PrepareLate("""
            UPDATE outbox SET sending_since = NULL WHERE id = $id;
            UPDATE broadcast_recipients
            SET status = CASE WHEN (SELECT status FROM broadcasts WHERE id = $broadcast) <> 'sending' THEN 'cancelled' ELSE 'opted_out' END,
                updated_at = $now
            WHERE broadcast_id = $broadcast AND user_id = $user
              AND ((SELECT status FROM broadcasts WHERE id = $broadcast) <> 'sending' OR (SELECT opted_out_at FROM users WHERE id = $user) IS NOT NULL);
            DELETE FROM outbox
            WHERE id = $id
              AND ((SELECT status FROM broadcasts WHERE id = $broadcast) <> 'sending' OR (SELECT opted_out_at FROM users WHERE id = $user) IS NOT NULL);
            """, "$id", "$broadcast", "$user", "$now");
        command.Parameters[0].Value = outboxId;
        command.Parameters[1].Value = broadcastId;
        command.Parameters[2].Value = userId;
        command.Parameters[3].Value = now;
        command.ExecuteNonQuery();
    }

    public void SetRecipientStatus(long broadcastId, long userId, string status, long now, long? outboxId = null)
    {
        var command = _recipientStatus ??= PrepareLate(
            "UPDATE broadcast_recipients SET status = $status, updated_at = $now, outbox_id = coalesce($outbox, outbox_id) WHERE broadcast_id = $broadcast AND user_id = $user",
            "$status", "$now", "$outbox", "$broadcast", "$user");
        command.Parameters[0].Value = status;
        command.Parameters[1].Value = now;
        command.Parameters[2].Value = (object?)outboxId ?? DBNull.Value;
        command.Parameters[3].Value = broadcastId;
        command.Parameters[4].Value = userId;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// After a crash: announcements that were on the wire when the worker died may have been delivered. They
    /// are never sent again (a second copy is worse than none); they are counted as uncertain.
    /// </summary>
    public int ResolveInterruptedSends(string channel, long now)
    {
        using var command = Command("""
            UPDATE broadcast_recipients SET status = 'uncertain', updated_at = $now
            WHERE (broadcast_id, user_id) IN (
                SELECT broadcast_id, user_id FROM outbox
                WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND channel = $channel AND broadcast_id IS NOT NULL AND sending_since IS NOT NULL);
            UPDATE outbox SET failed_at = $now, error = 'uncertain: on the wire when the worker stopped'
            WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND channel = $channel AND broadcast_id IS NOT NULL AND sending_since IS NOT NULL;
            SELECT changes();
            """);
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$now", now);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Cancels a scheduled or sending broadcast: nobody still waiting gets it, and what waits in the outbox is
    /// taken back (what is on the wire finishes). Null when there is no such broadcast; otherwise the status it
    /// had and how many recipients were cancelled.
    /// </summary>
    public (string PreviousStatus, int Cancelled)? CancelBroadcast(long broadcastId, long now)
    {
        string status;
        using (var select = Command("SELECT status FROM broadcasts WHERE id = $id"))
        {
            select.Parameters.AddWithValue("$id", broadcastId);
            if (select.ExecuteScalar() is not string found)
            {
                return null;
            }

            status = found;
        }

        if (status is not ("scheduled" or "sending"))
        {
            return (status, 0);
        }

        using var command = Command("""
            UPDATE broadcasts SET status = 'cancelled', cancelled_at = $now WHERE id = $id;
            CREATE TEMP TABLE IF NOT EXISTS held (outbox_id INTEGER PRIMARY KEY);
            DELETE FROM temp.held;
            INSERT INTO temp.held (outbox_id)
            SELECT id FROM outbox WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND broadcast_id = $id AND sending_since IS NULL;
            UPDATE broadcast_recipients SET status = 'cancelled', updated_at = $now
            WHERE broadcast_id = $id AND (status = 'waiting' OR (status = 'queued' AND outbox_id IN (SELECT outbox_id FROM temp.held)));
            SELECT changes();
            """);
        command.Parameters.AddWithValue("$id", broadcastId);
        command.Parameters.AddWithValue("$now", now);
        var cancelled = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        using var delete = Command("DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM temp.held)");
        delete.ExecuteNonQuery();
        return (status, cancelled);
    }

    /// <summary>
    /// /berhenti and /mulai. Opting out also takes back announcements waiting in the outbox for the owner. The
    /// statements here and below reach the outbox through its index of pending rows (priority first) and the
    /// recipients through their key, never by scanning either table: they run on the message path.
    /// </summary>
    public void SetOptedOut(long userId, bool optedOut, long now)
    {
        using var command = Command(optedOut
            ? """
              UPDATE users SET opted_out_at = coalesce(opted_out_at, $now) WHERE id = $user;
              CREATE TEMP TABLE IF NOT EXISTS held (outbox_id INTEGER PRIMARY KEY);
              DELETE FROM temp.held;
              INSERT INTO temp.held (outbox_id)
              SELECT id FROM outbox WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND user_id = $user AND broadcast_id IS NOT NULL AND sending_since IS NULL;
              UPDATE broadcast_recipients SET status = 'opted_out', updated_at = $now
              WHERE (broadcast_id, user_id) IN (SELECT broadcast_id, user_id FROM outbox WHERE id IN (SELECT outbox_id FROM temp.held));
              DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM temp.held);
              """
            : "UPDATE users SET opted_out_at = NULL WHERE id = $user");
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
    }

    public int RecipientCount(long broadcastId)
    {
        using var command = Command("SELECT COUNT(*) FROM broadcast_recipients WHERE broadcast_id = $id");
        command.Parameters.AddWithValue("$id", broadcastId);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public bool IsOptedOut(long userId)
    {
        using var command = Command("SELECT opted_out_at IS NOT NULL FROM users WHERE id = $user");
        command.Parameters.AddWithValue("$user", userId);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture) == 1;
    }

    private void SetBroadcastStatus(long id, string status, string timeColumn, long now)
    {
        using var command = Command($"UPDATE broadcasts SET status = $status, {timeColumn} = $now WHERE id = $id");
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>A one-off statement in the transaction in progress (operators' work: not on the message path).</summary>
    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }
}
