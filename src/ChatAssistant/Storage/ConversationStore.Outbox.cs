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
    private SqliteCommand PrepareLate(string sql, params string[] parameters)
    {
        var command = Prepare(sql, parameters);
        command.Transaction = _transaction;
        return command;
    }
}
