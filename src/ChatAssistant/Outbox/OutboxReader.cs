using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Outbox;

/// <summary>
/// Reads what is waiting in the outbox, on its own connection: in WAL mode a reader never blocks the writer
/// and sees only committed rows, so a reply is never sent before the message that caused it is durable.
/// </summary>
internal sealed class OutboxReader(string path, TimeSpan busyTimeout) : IDisposable
{
    private readonly SqliteConnection _connection = Database.Open(path, busyTimeout);

    /// <summary>The window's query (visible to the tests, which check that it reads along the index).</summary>
    internal const string NextPerChatSql = """
            WITH RECURSIVE chats(chat) AS (
                SELECT (SELECT min(chat_id) FROM outbox WHERE channel = $channel AND sent_at IS NULL AND failed_at IS NULL)
                UNION ALL
                SELECT (SELECT min(chat_id) FROM outbox WHERE channel = $channel AND chat_id > chats.chat AND sent_at IS NULL AND failed_at IS NULL)
                FROM chats WHERE chat IS NOT NULL
            )
            SELECT o.id, o.user_id, o.channel, o.chat_id, o.priority, o.text, o.buttons, o.attempts, o.broadcast_id, o.template, o.page
            FROM chats
            JOIN outbox o ON o.id = (
                SELECT id FROM outbox
                WHERE channel = $channel AND chat_id = chats.chat AND sent_at IS NULL AND failed_at IS NULL
                ORDER BY priority, id LIMIT 1)
            WHERE o.not_before <= $due
            ORDER BY o.priority, o.id
            LIMIT $limit
            """;

    /// <summary>
    /// The next message of each chat that has one due, replies before announcements, oldest first: the sender's
    /// window. Taking one per chat keeps it fair: a chat with a thousand waiting replies takes one place in the
    /// window like any other, so its backlog cannot hold back another chat's reply (the per-chat limit then spaces
    /// its own messages). A chat's next message is its first waiting one, due or not, so nothing queued after a
    /// message that waits for a retry overtakes it; and a chat's announcement waits behind its replies.
    /// </summary>
    /// <remarks>
    /// SQLite has no skip scan for this, so the distinct chats are walked along <c>outbox_chat_pending</c> one
    /// seek each (a recursive query), then each chat's first message is one more seek: the cost grows with the
    /// number of chats that have something waiting, not with the length of any chat's queue (about 10 ms for
    /// 4,000 chats with 100,000 replies waiting for one of them; microseconds for the usual few dozen).
    /// </remarks>
    public IReadOnlyList<OutboxMessage> NextPerChat(int limit, string channel, long dueBy)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = NextPerChatSql;
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$due", dueBy);
        command.Parameters.AddWithValue("$limit", limit);
        return Read(command);
    }

    /// <summary>Pending messages, replies before announcements, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Pending(int limit, string? channel = null, string? chatId = null, long afterId = 0, long dueBy = long.MaxValue)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT id, user_id, channel, chat_id, priority, text, buttons, attempts, broadcast_id, template, page
            FROM outbox
            WHERE sent_at IS NULL AND failed_at IS NULL AND id > $after AND not_before <= $due
              AND ($channel IS NULL OR channel = $channel) AND ($chat IS NULL OR chat_id = $chat)
            ORDER BY priority, id
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$due", dueBy);
        command.Parameters.AddWithValue("$channel", (object?)channel ?? DBNull.Value);
        command.Parameters.AddWithValue("$chat", (object?)chatId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return Read(command);
    }

    private static List<OutboxMessage> Read(SqliteCommand command)
    {
        var messages = new List<OutboxMessage>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            messages.Add(new OutboxMessage(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetString(3),
                (OutboxPriority)reader.GetInt32(4),
                new OutboundMessage(reader.GetString(5), OutboxButtons.Decode(reader.IsDBNull(6) ? null : reader.GetString(6))),
                reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8),
                OutboxTemplate.Decode(reader.IsDBNull(9) ? null : reader.GetString(9)),
                reader.GetInt32(10)));
        }

        return messages;
    }

    public void Dispose() => _connection.Dispose();
}
