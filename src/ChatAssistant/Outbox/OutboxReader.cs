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

    /// <summary>Pending messages, replies before announcements, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Pending(int limit, string? channel = null, string? chatId = null, long afterId = 0, long dueBy = long.MaxValue)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT id, user_id, channel, chat_id, priority, text, buttons, attempts, broadcast_id
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
                reader.IsDBNull(8) ? null : reader.GetInt64(8)));
        }

        return messages;
    }

    public void Dispose() => _connection.Dispose();
}
