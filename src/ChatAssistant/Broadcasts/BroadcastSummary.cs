using Microsoft.Data.Sqlite;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// One broadcast as operators see it: its row, how many recipients it has, how many are in each recipient status,
/// and how fast it sent. Times are UTC (show them in WIB where people read them). <see cref="Recipients"/> counts
/// every recipient row, so it is also right if a recipient status is added that has no count of its own yet.
/// </summary>
/// <param name="CancelledRecipients">Recipients in status 'cancelled' (the broadcast was cancelled before their turn).</param>
/// <param name="LastSentAt">When the last recipient was sent (the newest <c>updated_at</c> of the 'sent' rows).</param>
/// <param name="SendRate">
/// Messages sent per second, from <see cref="StartedAt"/> to <see cref="LastSentAt"/>; null before anything was sent
/// or when no time passed between the two.
/// </param>
internal sealed record BroadcastSummary(
    long Id,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Status,
    string Segment,
    DateTimeOffset ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? CancelledAt,
    int Recipients,
    int Waiting,
    int Queued,
    int Sent,
    int Failed,
    int Blocked,
    int OptedOut,
    int Uncertain,
    int CancelledRecipients,
    DateTimeOffset? LastSentAt,
    double? SendRate)
{
    /// <summary>
    /// Every broadcast (or the one with <paramref name="broadcastId"/>; none if it does not exist), newest first.
    /// Recipients are counted one broadcast at a time on the index broadcast_recipients (broadcast_id, status, ...),
    /// so asking for one broadcast reads only that broadcast's recipients, and the counts never touch the table.
    /// </summary>
    public static IReadOnlyList<BroadcastSummary> Read(SqliteConnection connection, long? broadcastId = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = new List<(long Id, DateTimeOffset CreatedAt, string CreatedBy, string Status, string Segment, DateTimeOffset ScheduledAt,
            DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? CancelledAt)>();
        using (var broadcasts = connection.CreateCommand())
        {
            broadcasts.CommandText = broadcastId is null
                ? "SELECT id, created_at, created_by, status, segment, scheduled_at, started_at, finished_at, cancelled_at FROM broadcasts ORDER BY created_at DESC, id DESC"
                : "SELECT id, created_at, created_by, status, segment, scheduled_at, started_at, finished_at, cancelled_at FROM broadcasts WHERE id = $id";
            if (broadcastId is { } id)
            {
                broadcasts.Parameters.AddWithValue("$id", id);
            }

            using var reader = broadcasts.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), Time(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    Time(reader.GetInt64(5)), OptionalTime(reader, 6), OptionalTime(reader, 7), OptionalTime(reader, 8)));
            }
        }

        using var counts = connection.CreateCommand();
        counts.CommandText = "SELECT status, COUNT(*) FROM broadcast_recipients WHERE broadcast_id = $id GROUP BY status";
        var countsId = counts.Parameters.Add("$id", SqliteType.Integer);

        // The send time is not in the index, so this reads rows of this one broadcast only (by its key), never others'.
        using var lastSent = connection.CreateCommand();
        lastSent.CommandText = "SELECT MAX(updated_at) FROM broadcast_recipients WHERE broadcast_id = $id AND status = 'sent'";
        var lastSentId = lastSent.Parameters.Add("$id", SqliteType.Integer);

        var summaries = new List<BroadcastSummary>(rows.Count);
        foreach (var row in rows)
        {
            countsId.Value = row.Id;
            var byStatus = new Dictionary<string, int>(StringComparer.Ordinal);
            using (var reader = counts.ExecuteReader())
            {
                while (reader.Read())
                {
                    byStatus[reader.GetString(0)] = reader.GetInt32(1);
                }
            }

            lastSentId.Value = row.Id;
            DateTimeOffset? lastSentAt = lastSent.ExecuteScalar() is long ms ? Time(ms) : null;
            var sent = byStatus.GetValueOrDefault("sent");
            double? rate = sent > 0 && row.StartedAt is { } started && lastSentAt is { } last && last > started
                ? sent / (last - started).TotalSeconds
                : null;

            summaries.Add(new BroadcastSummary(
                row.Id, row.CreatedAt, row.CreatedBy, row.Status, row.Segment, row.ScheduledAt, row.StartedAt, row.FinishedAt, row.CancelledAt,
                byStatus.Values.Sum(),
                byStatus.GetValueOrDefault("waiting"),
                byStatus.GetValueOrDefault("queued"),
                sent,
                byStatus.GetValueOrDefault("failed"),
                byStatus.GetValueOrDefault("blocked"),
                byStatus.GetValueOrDefault("opted_out"),
                byStatus.GetValueOrDefault("uncertain"),
                byStatus.GetValueOrDefault("cancelled"),
                lastSentAt,
                rate));
        }

        return summaries;
    }

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    private static DateTimeOffset? OptionalTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));
}
