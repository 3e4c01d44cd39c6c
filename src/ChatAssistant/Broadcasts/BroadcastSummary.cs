using System.Data.Common;
using Dapper;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// One broadcast as operators see it: its row, how many recipients it has, how many are in each recipient status,
/// how they split by channel with what the channels reported delivered (<see cref="Channels"/>), and how fast it
/// sent. Times are UTC (show them in WIB where people read them). <see cref="Recipients"/> counts
/// every recipient row, so it is also right if a recipient status is added that has no count of its own yet.
/// </summary>
/// <param name="OutsideWindow">WhatsApp recipients outside the 24-hour window with no template to send (or refused as outside it): counted, not sent.</param>
/// <param name="ViaTemplate">Recipients sent the broadcast's approved WhatsApp template (outside the window), counted among <see cref="Sent"/>.</param>
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
    BroadcastStatus Status,
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
    double? SendRate,
    int OutsideWindow = 0,
    int ViaTemplate = 0)
{
    /// <summary>
    /// The recipients per channel, channels by name, with each delivery-reporting channel's deliveries (delivered,
    /// read, not delivered) of the announcements sent there.
    /// </summary>
    public IReadOnlyList<BroadcastChannelCounts> Channels { get; init; } = [];

    /// <summary>
    /// Every broadcast (or the one with <paramref name="broadcastId"/>; none if it does not exist), newest first.
    /// Recipients are counted one broadcast at a time on the index broadcast_recipients (broadcast_id, status, ...),
    /// so asking for one broadcast reads only that broadcast's recipients, and the counts never touch the table.
    /// Operators' reading, on a connection of its own: no transaction.
    /// </summary>
    public static IReadOnlyList<BroadcastSummary> Read(DbConnection connection, long? broadcastId = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string Columns = "id, created_at, created_by, status, segment, scheduled_at, started_at, finished_at, cancelled_at";
        var rows = connection.Query<(long Id, long CreatedAt, string CreatedBy, string Status, string Segment, long ScheduledAt, long? StartedAt, long? FinishedAt, long? CancelledAt)>(
            broadcastId is null
                ? $"SELECT {Columns} FROM broadcasts ORDER BY created_at DESC, id DESC"
                : $"SELECT {Columns} FROM broadcasts WHERE id = @id",
            new { id = broadcastId }).AsList();

        var summaries = new List<BroadcastSummary>(rows.Count);
        foreach (var row in rows)
        {
            var byStatus = new Dictionary<RecipientStatus, int>();
            var all = 0;
            foreach (var (stored, count) in connection.Query<(string, long)>(
                "SELECT status, COUNT(*) FROM broadcast_recipients WHERE broadcast_id = @id GROUP BY status", new { id = row.Id }))
            {
                all += (int)count;
                if (RecipientStatuses.TryParse(stored, out var status))
                {
                    byStatus[status] = (int)count;
                }
            }

            // The send time is not in the index, so this reads rows of this one broadcast only (by its key), never others'.
            DateTimeOffset? lastSentAt = connection.ExecuteScalar<long?>(
                $"SELECT MAX(updated_at) FROM broadcast_recipients WHERE broadcast_id = @id AND status = '{RecipientStatuses.Sent}'", new { id = row.Id }) is { } ms
                ? Time(ms)
                : null;
            var sent = byStatus.GetValueOrDefault(RecipientStatus.Sent);
            var viaTemplate = sent == 0 ? 0 : connection.ExecuteScalar<int>(
                $"SELECT COUNT(*) FROM broadcast_recipients r JOIN outbox o ON o.id = r.outbox_id WHERE r.broadcast_id = @id AND r.status = '{RecipientStatuses.Sent}' AND o.template IS NOT NULL",
                new { id = row.Id });
            var startedAt = Time(row.StartedAt);
            double? rate = sent > 0 && startedAt is { } started && lastSentAt is { } last && last > started
                ? sent / (last - started).TotalSeconds
                : null;

            summaries.Add(new BroadcastSummary(
                row.Id, Time(row.CreatedAt), row.CreatedBy, BroadcastStatuses.Parse(row.Status), row.Segment, Time(row.ScheduledAt), startedAt,
                Time(row.FinishedAt), Time(row.CancelledAt),
                all,
                byStatus.GetValueOrDefault(RecipientStatus.Waiting),
                byStatus.GetValueOrDefault(RecipientStatus.Queued),
                sent,
                byStatus.GetValueOrDefault(RecipientStatus.Failed),
                byStatus.GetValueOrDefault(RecipientStatus.Blocked),
                byStatus.GetValueOrDefault(RecipientStatus.OptedOut),
                byStatus.GetValueOrDefault(RecipientStatus.Uncertain),
                byStatus.GetValueOrDefault(RecipientStatus.Cancelled),
                lastSentAt,
                rate,
                byStatus.GetValueOrDefault(RecipientStatus.OutsideWindow),
                viaTemplate));
        }

        return [.. summaries.Select(s => s with { Channels = BroadcastChannels.Read(connection, s.Id) })];
    }

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    private static DateTimeOffset? Time(long? unixMilliseconds) => unixMilliseconds is { } ms ? Time(ms) : null;
}
