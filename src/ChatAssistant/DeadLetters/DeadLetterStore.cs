using System.Data.Common;
using ChatAssistant.Storage;
using Dapper;

namespace ChatAssistant.DeadLetters;

/// <summary>
/// Updates a channel sent that could not be read, kept for operators instead of stopping the channel. Written on
/// the writer inside the transaction that also saves the channel's position; listed by operators on a connection
/// of their own.
/// </summary>
internal sealed class DeadLetterStore(WriteSession session) : IWriteStore
{
    private PreparedCommand? _add;

    public WriteSession Session => session;

    public void Add(string channel, string? updateId, string reason, ReadOnlySpan<byte> raw, long now)
    {
        var command = _add ??= session.Prepare(
            "INSERT INTO dead_letters (channel, update_id, reason, raw, received_at) VALUES (@channel, @update, @reason, @raw, @now)");
        command.Set("@channel", channel);
        command.Set("@update", updateId);
        command.Set("@reason", reason);
        command.Set("@raw", raw.ToArray());
        command.Set("@now", now);
        command.Execute();
    }

    /// <summary>How many dead letters there are; 0 also for a database from before they were kept.</summary>
    public static long Count(DbConnection connection) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'dead_letters'") > 0
            ? connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dead_letters")
            : 0;

    /// <summary>The newest <paramref name="limit"/> dead letters, newest first.</summary>
    public static IReadOnlyList<DeadLetter> Newest(DbConnection connection, int limit) =>
        connection.Query<(long ReceivedAt, string Channel, string? UpdateId, string Reason, byte[] Raw)>(
                "SELECT received_at, channel, update_id, reason, raw FROM dead_letters ORDER BY id DESC LIMIT @limit", new { limit })
            .Select(d => new DeadLetter(DateTimeOffset.FromUnixTimeMilliseconds(d.ReceivedAt), d.Channel, d.UpdateId, d.Reason, d.Raw))
            .ToList();
}

/// <summary>One update set aside: when, from which channel, its id if it had one, why, and the bytes that arrived.</summary>
internal sealed record DeadLetter(DateTimeOffset ReceivedAt, string Channel, string? UpdateId, string Reason, byte[] Raw);
