using System.Data.Common;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Storage;

namespace ChatAssistant.Outbox;

/// <summary>
/// Reads what is waiting in the outbox, on its own connection: it sees only committed rows (SQLite in WAL mode, where
/// a reader never blocks the writer; PostgreSQL), so a reply is never sent before the message that caused it is
/// durable. One connection, kept, used by one read at a time (the channels' dispatchers share the reader), and opened
/// again after an error (a PostgreSQL server that restarted).
/// </summary>
internal sealed class OutboxReader(IStorageProvider provider) : IDisposable
{
    private readonly Lock _lock = new();
    private DbConnection? _connection;

    /// <summary>The window's query (visible to the tests, which check that it reads along the index).</summary>
    internal const string NextPerChatSql = """
            WITH RECURSIVE chats(chat) AS (
                SELECT (SELECT min(chat_id) FROM outbox WHERE channel = @channel AND sent_at IS NULL AND failed_at IS NULL)
                UNION ALL
                SELECT (SELECT min(chat_id) FROM outbox WHERE channel = @channel AND chat_id > chats.chat AND sent_at IS NULL AND failed_at IS NULL)
                FROM chats WHERE chat IS NOT NULL
            )
            SELECT o.id, o.user_id, o.channel, o.chat_id, o.priority, o.text, o.buttons, o.attempts, o.broadcast_id, o.template, o.page
            FROM chats
            JOIN outbox o ON o.id = (
                SELECT id FROM outbox
                WHERE channel = @channel AND chat_id = chats.chat AND sent_at IS NULL AND failed_at IS NULL
                ORDER BY priority, id LIMIT 1)
            WHERE o.not_before <= @due
            ORDER BY o.priority, o.id
            LIMIT @limit
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
        return Read(NextPerChatSql, ("@channel", channel), ("@due", dueBy), ("@limit", limit));
    }

    /// <summary>Pending messages, replies before announcements, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Pending(int limit, string? channel = null, string? chatId = null, long afterId = 0, long dueBy = long.MaxValue)
    {
        return Read("""
            SELECT id, user_id, channel, chat_id, priority, text, buttons, attempts, broadcast_id, template, page
            FROM outbox
            WHERE sent_at IS NULL AND failed_at IS NULL AND id > @after AND not_before <= @due
              AND (CAST(@channel AS TEXT) IS NULL OR channel = @channel) AND (CAST(@chat AS TEXT) IS NULL OR chat_id = @chat)
            ORDER BY priority, id
            LIMIT @limit
            """,
            ("@after", afterId), ("@due", dueBy), ("@channel", channel), ("@chat", chatId), ("@limit", limit));
    }

    private List<OutboxMessage> Read(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        lock (_lock)
        {
            _connection ??= provider.Open();
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = sql;
                foreach (var (name, value) in parameters)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                return Read(command);
            }
            catch (DbException)
            {
                // The connection may be what failed: the next read opens a new one.
                _connection.Dispose();
                _connection = null;
                throw;
            }
        }
    }

    private static List<OutboxMessage> Read(DbCommand command)
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

    public void Dispose()
    {
        lock (_lock)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }
}
