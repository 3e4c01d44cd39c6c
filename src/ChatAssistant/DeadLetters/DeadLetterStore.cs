using System.Data.Common;
using ChatAssistant.Storage;
using Dapper;

namespace ChatAssistant.DeadLetters;

/// <summary>
/// Updates a channel sent that could not be read, kept for operators instead of stopping the channel. They are
/// written by the channel's inbox (<c>SessionStore.SetAside</c>, in the transaction that also saves the channel's
/// position); this is the operators' side, read on a connection of their own.
/// </summary>
internal static class DeadLetterStore
{
    /// <summary>How many dead letters there are; 0 also for a database from before they were kept.</summary>
    public static long Count(DbConnection connection, ISqlDialect dialect) =>
        connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM ({dialect.ColumnNames("dead_letters")}) c") > 0
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
