using System.Runtime.CompilerServices;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Storage;

namespace ChatAssistant.Outbox;

/// <summary>
/// The outbox's writes: replies queued (merged when a chat's replies pile up), what was sent, what waits for a
/// retry, what failed, owners who blocked the assistant, and the channels' positions (committed with the messages
/// they cover).
/// </summary>
internal sealed class OutboxStore : IWriteStore
{
    /// <summary>Longest text replies are merged into: one Telegram message (4,096) with room to spare.</summary>
    public const int MaxMergedReplyLength = 4000;

    private const int ButtonSlots = 64;

    private readonly IReadOnlyList<Button>?[] _buttonLists = new IReadOnlyList<Button>?[ButtonSlots];
    private readonly string?[] _buttonJson = new string?[ButtonSlots];
    private readonly PreparedCommand _insert;
    private readonly PreparedCommand _insertUnlessPiled;
    private readonly PreparedCommand _piledUp;
    private readonly PreparedCommand _anyHeld;
    private readonly PreparedCommand _waitingReplies;
    private readonly PreparedCommand _mergeReply;
    private readonly PreparedCommand _markSent;
    private readonly PreparedCommand _markSentWithId;
    private readonly PreparedCommand _reschedule;
    private readonly PreparedCommand _markFailed;
    private readonly PreparedCommand _claim;
    private readonly PreparedCommand _hold;
    private readonly PreparedCommand _releaseHeld;
    private readonly PreparedCommand _markUnreachable;
    private readonly PreparedCommand _markReachable;
    private readonly PreparedCommand _getChannelState;
    private readonly PreparedCommand _setChannelState;
    private readonly OwnerLocks _locks;

    public OutboxStore(WriteSession session)
    {
        Session = session;
        _locks = new OwnerLocks(session);
        var sql = session.Dialect;
        const string Waiting = "sent_at IS NULL AND failed_at IS NULL";
        _insert = session.Prepare(
            $"INSERT INTO outbox (user_id, channel, chat_id, priority, text, buttons, created_at, template, page) VALUES (@user, @channel, @chat, @priority, @text, @buttons, @now, @template, @page) {sql.ReturningId}");
        // Whether the chat already has @skip + 1 replies waiting (then a reply may be merged: EnqueueReply). It walks only
        // the index outbox_chat_pending, never the texts.
        var piledUp = $"""
            SELECT 1 FROM outbox
            WHERE channel = @channel AND chat_id = @chat AND priority = {(int)OutboxPriority.Interactive} AND {Waiting}
            ORDER BY id DESC
            LIMIT 1 OFFSET @skip
            """;
        _piledUp = session.Prepare(piledUp);
        // A reply unless they piled up, in one statement for what is nearly always a plain insert: on PostgreSQL, where it
        // saves a round trip (SQLite runs the check and the plain insert; EnqueueReply says why).
        _insertUnlessPiled = session.Prepare($"""
            INSERT INTO outbox (user_id, channel, chat_id, priority, text, buttons, created_at, template, page)
            SELECT @user, @channel, @chat, {(int)OutboxPriority.Interactive}, @text, @buttons, @now, NULL, 0
            WHERE NOT EXISTS ({piledUp})
            {sql.ReturningId}
            """);
        // Whether anything waits held for a closed window, anywhere: when nothing does (all of Telegram, most of the
        // time on WhatsApp), a batch's messages skip the release below.
        // Ordered as the index outbox_held is, so that SQLite reads that index (a few entries) and not every waiting message.
        _anyHeld = session.Prepare($"SELECT 1 FROM outbox WHERE held_since IS NOT NULL AND {Waiting} ORDER BY channel, chat_id, id LIMIT 1");

        // The chat's newest waiting replies, locked where several writers share the database: a sender on another
        // replica that marks one of them sent (making the newest the chat's first, which it may then send) waits until
        // this transaction has merged into the newest or left it alone, so it never sends a text a merge then changes.
        _waitingReplies = session.Prepare($"""
            SELECT id, text FROM outbox
            WHERE channel = @channel AND chat_id = @chat AND priority = {(int)OutboxPriority.Interactive} AND {Waiting}
            ORDER BY id DESC
            LIMIT @count{sql.ForUpdate}
            """);
        _mergeReply = session.Prepare("UPDATE outbox SET text = @text, buttons = @buttons WHERE id = @id");
        _markSent = session.Prepare("UPDATE outbox SET sent_at = @now, attempts = attempts + 1 WHERE id = @id");
        // A status webhook can beat this commit (the channel answers the send and reports it while the writer is busy):
        // statuses already recorded for the message id (DeliveryStore keeps every one) are applied with it.
        _markSentWithId = session.Prepare($"""
            UPDATE outbox SET sent_at = @now, attempts = attempts + 1, sent_message_id = @message,
                delivery = {DeliveryStates.RecordedStateSql("outbox.channel", "@message")},
                delivery_at = (SELECT max(received_at) FROM delivery_statuses d WHERE d.channel = outbox.channel AND d.message_id = @message)
            WHERE id = @id
            """);
        _reschedule = session.Prepare($"""
            UPDATE outbox
            SET not_before = {sql.Greatest("not_before", "@notBefore")},
                attempts = attempts + {sql.AsInteger("id = @id")},
                error = CASE WHEN id = @id THEN @error ELSE error END
            WHERE channel = @channel AND chat_id = @chat AND id >= @id AND {Waiting}
            """);
        _markFailed = session.Prepare("UPDATE outbox SET failed_at = @now, attempts = attempts + 1, error = @error WHERE id = @id");
        _claim = session.Prepare($"UPDATE outbox SET sending_since = @now WHERE id = @id AND {Waiting} AND sending_since IS NULL");

        // Held: the message and the chat's later ones, so that none overtakes it; not when the owner wrote while it was
        // on the wire (their message opened the window again and released nothing, as nothing was held yet).
        _hold = session.Prepare($"""
            UPDATE outbox
            SET held_since = coalesce(held_since, @now), not_before = @held,
                attempts = attempts + {sql.AsInteger("id = @id")},
                error = CASE WHEN id = @id THEN @error ELSE error END
            WHERE channel = @channel AND chat_id = @chat AND id >= @id AND {Waiting}
              AND NOT EXISTS (SELECT 1 FROM users WHERE channel = @channel AND chat_id = @chat AND last_seen_at > @since)
            """);

        // On the owner's message path: one seek on outbox_chat_pending, nothing when the chat has nothing waiting.
        _releaseHeld = session.Prepare($"UPDATE outbox SET not_before = @now, held_since = NULL WHERE channel = @channel AND chat_id = @chat AND {Waiting} AND held_since IS NOT NULL");

        // One statement list, one set of parameters: the owner, then everything still waiting for them. Observers
        // (a broadcast's recipients) have been told first (IOutboxObserver.Unreachable), while those rows still wait.
        _markUnreachable = session.Prepare($"""
            UPDATE users SET unreachable_at = @now WHERE channel = @channel AND chat_id = @chat;
            UPDATE outbox SET failed_at = @now, error = 'unreachable' WHERE channel = @channel AND chat_id = @chat AND {Waiting};
            """);
        _markReachable = session.Prepare("UPDATE users SET unreachable_at = NULL WHERE channel = @channel AND chat_id = @chat AND unreachable_at IS NOT NULL");
        _getChannelState = session.Prepare("SELECT value FROM channel_state WHERE channel = @channel AND key = @key");
        _setChannelState = session.Prepare(
            $"INSERT INTO channel_state (channel, key, value) VALUES (@channel, @key, @value) {sql.Upsert("channel, key", "value")}");
    }

    public WriteSession Session { get; }

    /// <summary>Queues a message; with <paramref name="template"/> it goes as that approved template, <paramref name="page"/> shows a page of its options.</summary>
    public long Enqueue(long userId, string channel, string chatId, OutboundMessage message, OutboxPriority priority, long now, OutboxTemplate? template = null, int page = 0) =>
        _insert
            .Set("@user", userId)
            .Set("@channel", channel)
            .Set("@chat", chatId)
            .Set("@priority", (int)priority)
            .Set("@text", message.Text)
            .Set("@buttons", EncodeButtons(message.Buttons))
            .Set("@now", now)
            .Set("@template", template?.Encode())
            .Set("@page", page)
            .Insert()!.Value;

    /// <summary>
    /// Queues a reply; when the chat already has <paramref name="coalesceAfter"/> or more replies waiting (an owner
    /// who forwarded a hundred messages at once), it is added to the last waiting one instead of becoming another
    /// message. Nothing is dropped: every message was answered and every answer saved; the owner gets the replies
    /// in order, in a few long messages instead of a hundred, and a reply identical to the one before it (the same
    /// re-prompt) only once. The merged message carries the newest reply's buttons, the only ones still current.
    /// Only a reply that cannot be on the wire is changed: the sender takes a chat's first waiting message only, and
    /// with two or more waiting the last is never the first. A reply that would make it longer than one message
    /// starts a new one. Returns the outbox row holding the reply.
    /// </summary>
    public long EnqueueReply(long userId, string channel, string chatId, OutboundMessage message, int coalesceAfter, long now)
    {
        // Merged into the newest only when at least this many wait (two or more: the newest is then not the first).
        var count = Math.Max(coalesceAfter, 2);
        if (!Session.Dialect.StatementsAreRoundTrips)
        {
            // SQLite: the check, then a plain insert. In one INSERT … SELECT that reads the outbox SQLite first copies the
            // row it selects into a table of its own (the statement reads the table it writes), which costs more than
            // the check (measured alone, 200,000 replies: 5.6-5.7 µs for the two statements against 7.3-7.5 for the one).
            if (_piledUp.Set("@channel", channel).Set("@chat", chatId).Set("@skip", count - 1).Scalar() is null)
            {
                return Enqueue(userId, channel, chatId, message, OutboxPriority.Interactive, now);
            }
        }
        else if (_insertUnlessPiled
                .Set("@user", userId)
                .Set("@channel", channel)
                .Set("@chat", chatId)
                .Set("@text", message.Text)
                .Set("@buttons", EncodeButtons(message.Buttons))
                .Set("@now", now)
                .Set("@skip", count - 1)
                .Insert() is { } inserted)
        {
            return inserted;
        }

        // Replies piled up (the owner sent many at once): read and lock the newest to merge into.
        long last = 0;
        string? text = null;
        using (var reader = _waitingReplies.Set("@channel", channel).Set("@chat", chatId).Set("@count", count).Read())
        {
            var waiting = 0;
            while (reader.Read())
            {
                if (waiting++ == 0)
                {
                    last = reader.GetInt64(0);
                    text = reader.GetString(1);
                }
            }

            if (waiting < count)
            {
                text = null;
            }
        }

        if (text is not null && Merge(text, message.Text) is { } merged)
        {
            _mergeReply
                .Set("@text", merged)
                .Set("@buttons", EncodeButtons(message.Buttons))
                .Set("@id", last)
                .Execute();
            return last;
        }

        return Enqueue(userId, channel, chatId, message, OutboxPriority.Interactive, now);
    }

    /// <summary>The waiting text with the new reply after it; null when that is too long for one message.</summary>
    private static string? Merge(string waiting, string reply)
    {
        if (reply.Length == 0 || waiting.EndsWith(reply, StringComparison.Ordinal))
        {
            return waiting;
        }

        var merged = waiting + "\n\n" + reply;
        return merged.Length <= MaxMergedReplyLength ? merged : null;
    }

    public void MarkSent(long outboxId, long now) => _markSent.Set("@now", now).Set("@id", outboxId).Execute();

    public void MarkSent(long outboxId, string? channelMessageId, long now) =>
        _markSentWithId.Set("@now", now).Set("@message", channelMessageId).Set("@id", outboxId).Execute();

    /// <summary>
    /// Leaves the message pending, to be tried again no earlier than <paramref name="notBefore"/>, and holds
    /// back the chat's later messages as long, so that they cannot overtake it.
    /// </summary>
    public void Reschedule(long outboxId, string channel, string chatId, long notBefore, string? error) =>
        _reschedule.Set("@notBefore", notBefore).Set("@id", outboxId).Set("@error", error).Set("@channel", channel).Set("@chat", chatId).Execute();

    /// <summary>
    /// Claims a message to be sent at most once (<c>sending_since</c>, committed before the send); false when it is no
    /// longer pending (cancelled, held or opted out meanwhile) or already claimed, and must not be sent.
    /// </summary>
    public bool Claim(long outboxId, long now) => _claim.Set("@now", now).Set("@id", outboxId).Execute() == 1;

    /// <summary>
    /// The channel refused the message because the owner's window has closed (WhatsApp's 24 hours): it and the chat's
    /// later messages wait (<c>held_since</c>, never due by themselves) until the owner writes again
    /// (<see cref="ReleaseHeld"/>). Returns how many were held; none when the owner wrote after
    /// <paramref name="sendStarted"/>: then the window is open again and the message goes at once.
    /// </summary>
    public int Hold(long outboxId, string channel, string chatId, long sendStarted, string? error, long now)
    {
        // The owner's lock: a message of theirs another replica is handling (which releases what is held) is then
        // either committed and seen here, or waits for this hold and releases it.
        _locks.Lock(channel, chatId);
        return _hold.Set("@now", now).Set("@held", HeldNotBefore).Set("@id", outboxId).Set("@error", error).Set("@channel", channel).Set("@chat", chatId)
            .Set("@since", sendStarted).Execute();
    }

    /// <summary>Whether any message waits held for a closed window (<see cref="Hold"/>), for any owner.</summary>
    public bool AnyHeld()
    {
        using var reader = _anyHeld.Read();
        return reader.Read();
    }

    /// <summary>
    /// The owner wrote: what was held for them goes now, in its order, ahead of the reply to this message (queued
    /// after it, in the same transaction). Returns how many were released.
    /// </summary>
    public int ReleaseHeld(string channel, string chatId, long now) =>
        _releaseHeld.Set("@now", now).Set("@channel", channel).Set("@chat", chatId).Execute();

    /// <summary>The <c>not_before</c> of a held message: never due by itself.</summary>
    public const long HeldNotBefore = long.MaxValue / 2;

    public void MarkFailed(long outboxId, string error, long now) =>
        _markFailed.Set("@now", now).Set("@error", error).Set("@id", outboxId).Execute();

    /// <summary>The owner blocked the assistant: mark them, and drop what still waits for them (no retries).</summary>
    public void MarkUnreachable(string channel, string chatId, long now) =>
        _markUnreachable.Set("@now", now).Set("@channel", channel).Set("@chat", chatId).Execute();

    /// <summary>An owner who writes again (or unblocks the assistant) is reachable again.</summary>
    public void MarkReachable(string channel, string chatId) =>
        _markReachable.Set("@channel", channel).Set("@chat", chatId).Execute();

    public string? GetChannelState(string channel, string key) =>
        _getChannelState.Set("@channel", channel).Set("@key", key).Scalar() as string;

    public void SetChannelState(string channel, string key, string value) =>
        _setChannelState.Set("@channel", channel).Set("@key", key).Set("@value", value).Execute();

    /// <summary>
    /// The outbox form of a reply's buttons. A question's buttons are its compiled step's own array, the same
    /// object for every owner who sees that question, so the JSON is kept per array (by reference, in a few
    /// slots) instead of being encoded again for each reply. Button lists are never changed once handed over.
    /// Null (no keyboard) when there are none.
    /// </summary>
    private string? EncodeButtons(IReadOnlyList<Button> buttons)
    {
        if (buttons.Count == 0)
        {
            return null;
        }

        var slot = (RuntimeHelpers.GetHashCode(buttons) & int.MaxValue) % ButtonSlots;
        if (ReferenceEquals(_buttonLists[slot], buttons))
        {
            return _buttonJson[slot]!;
        }

        var json = OutboxButtons.Encode(buttons);
        _buttonLists[slot] = buttons;
        _buttonJson[slot] = json;
        return json;
    }
}
