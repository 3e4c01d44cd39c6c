using ChatAssistant.Dialogs.Messages;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>The outbox senders' writes: what was sent, what waits for a retry, what failed, who blocked us.</summary>
internal sealed partial class ConversationStore
{
    private SqliteCommand? _markSentWithId;
    private SqliteCommand? _reschedule;
    private SqliteCommand? _markFailed;
    private SqliteCommand? _markUnreachable;
    private SqliteCommand? _markReachable;
    private SqliteCommand? _getChannelState;
    private SqliteCommand? _waitingReplies;
    private SqliteCommand? _mergeReply;

    /// <summary>Longest text replies are merged into: one Telegram message (4,096) with room to spare.</summary>
    public const int MaxMergedReplyLength = 4000;

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
        var waiting = _waitingReplies ??= PrepareLate(
            """
            SELECT o.id, o.text FROM outbox o
            WHERE o.id = (SELECT max(id) FROM outbox WHERE channel = $channel AND chat_id = $chat AND priority = 0 AND sent_at IS NULL AND failed_at IS NULL)
              AND (SELECT count(*) FROM outbox WHERE channel = $channel AND chat_id = $chat AND priority = 0 AND sent_at IS NULL AND failed_at IS NULL) >= max($after, 2)
            """,
            "$channel", "$chat", "$after");
        waiting.Parameters[0].Value = channel;
        waiting.Parameters[1].Value = chatId;
        waiting.Parameters[2].Value = coalesceAfter;
        long last = 0;
        string? text = null;
        using (var reader = waiting.ExecuteReader())
        {
            if (reader.Read())
            {
                last = reader.GetInt64(0);
                text = reader.GetString(1);
            }
        }

        if (text is not null && Merge(text, message.Text) is { } merged)
        {
            var update = _mergeReply ??= PrepareLate("UPDATE outbox SET text = $text, buttons = $buttons WHERE id = $id", "$text", "$buttons", "$id");
            update.Parameters[0].Value = merged;
            update.Parameters[1].Value = message.Buttons.Count == 0 ? DBNull.Value : EncodeButtons(message.Buttons);
            update.Parameters[2].Value = last;
            update.ExecuteNonQuery();
            return last;
        }

        return EnqueueOutbound(userId, channel, chatId, message, Outbox.OutboxPriority.Interactive, now);
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

    public void MarkSent(long outboxId, string? channelMessageId, long now)
    {
        var command = _markSentWithId ??= PrepareLate(
            "UPDATE outbox SET sent_at = $now, attempts = attempts + 1, sent_message_id = $message WHERE id = $id", "$now", "$message", "$id");
        command.Parameters[0].Value = now;
        command.Parameters[1].Value = (object?)channelMessageId ?? DBNull.Value;
        command.Parameters[2].Value = outboxId;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Leaves the message pending, to be tried again no earlier than <paramref name="notBefore"/>, and holds
    /// back the chat's later messages as long, so that they cannot overtake it.
    /// </summary>
    public void Reschedule(long outboxId, string channel, string chatId, long notBefore, string? error)
    {
        var command = _reschedule ??= PrepareLate(
            """
            UPDATE outbox
            SET not_before = max(not_before, $notBefore),
                attempts = attempts + (id = $id),
                error = CASE WHEN id = $id THEN $error ELSE error END
            WHERE channel = $channel AND chat_id = $chat AND id >= $id AND sent_at IS NULL AND failed_at IS NULL
            """,
            "$notBefore", "$id", "$error", "$channel", "$chat");
        command.Parameters[0].Value = notBefore;
        command.Parameters[1].Value = outboxId;
        command.Parameters[2].Value = (object?)error ?? DBNull.Value;
        command.Parameters[3].Value = channel;
        command.Parameters[4].Value = chatId;
        command.ExecuteNonQuery();
    }

    public void MarkFailed(long outboxId, string error, long now)
    {
        var command = _markFailed ??= PrepareLate(
            "UPDATE outbox SET failed_at = $now, attempts = attempts + 1, error = $error WHERE id = $id", "$now", "$error", "$id");
        command.Parameters[0].Value = now;
        command.Parameters[1].Value = error;
        command.Parameters[2].Value = outboxId;
        command.ExecuteNonQuery();
    }

    /// <summary>The owner blocked the assistant: mark them, and drop what still waits for them (no retries).</summary>
    public void MarkUnreachable(string channel, string chatId, long now)
    {
        // One statement list, one set of parameters: the owner, their waiting announcements' recipients, then
        // everything still waiting for them.
        var command = _markUnreachable ??= PrepareLate(
            """
            UPDATE users SET unreachable_at = $now WHERE channel = $channel AND chat_id = $chat;
            UPDATE broadcast_recipients SET status = 'blocked', updated_at = $now
            WHERE (broadcast_id, user_id) IN (
                SELECT broadcast_id, user_id FROM outbox
                WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND channel = $channel AND chat_id = $chat AND broadcast_id IS NOT NULL);
            UPDATE outbox SET failed_at = $now, error = 'unreachable' WHERE channel = $channel AND chat_id = $chat AND sent_at IS NULL AND failed_at IS NULL;
            """,
            "$now", "$channel", "$chat");
        command.Parameters[0].Value = now;
        command.Parameters[1].Value = channel;
        command.Parameters[2].Value = chatId;
        command.ExecuteNonQuery();
    }

    /// <summary>An owner who writes again (or unblocks the assistant) is reachable again.</summary>
    public void MarkReachable(string channel, string chatId)
    {
        var command = _markReachable ??= PrepareLate(
            "UPDATE users SET unreachable_at = NULL WHERE channel = $channel AND chat_id = $chat AND unreachable_at IS NOT NULL", "$channel", "$chat");
        command.Parameters[0].Value = channel;
        command.Parameters[1].Value = chatId;
        command.ExecuteNonQuery();
    }

    public string? GetChannelState(string channel, string key)
    {
        var command = _getChannelState ??= PrepareLate("SELECT value FROM channel_state WHERE channel = $channel AND key = $key", "$channel", "$key");
        command.Parameters[0].Value = channel;
        command.Parameters[1].Value = key;
        return command.ExecuteScalar() as string;
    }

    /// <summary>Prepares a statement first used after construction, bound to the transaction in progress.</summary>
    private SqliteCommand PrepareLate(string sql, params string[] parameters) => Prepare(sql, parameters);
}
