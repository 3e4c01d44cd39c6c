using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>Updates a channel sent that could not be read, kept for operators instead of stopping the channel.</summary>
internal sealed partial class ConversationStore
{
    private SqliteCommand? _addDeadLetter;

    public void AddDeadLetter(string channel, string? updateId, string reason, ReadOnlySpan<byte> raw, long now)
    {
        var command = _addDeadLetter ??= PrepareLate(
            "INSERT INTO dead_letters (channel, update_id, reason, raw, received_at) VALUES ($channel, $update, $reason, $raw, $now)",
            "$channel", "$update", "$reason", "$raw", "$now");
        command.Parameters[0].Value = channel;
        command.Parameters[1].Value = (object?)updateId ?? DBNull.Value;
        command.Parameters[2].Value = reason;
        command.Parameters[3].Value = raw.ToArray();
        command.Parameters[4].Value = now;
        command.ExecuteNonQuery();
    }
}
