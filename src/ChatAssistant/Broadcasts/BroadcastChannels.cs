using System.Data.Common;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using Dapper;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// One channel's share of a broadcast: its recipients there, by recipient status, and, on a channel that reports
/// deliveries (<see cref="BroadcastChannels.ReportsDeliveries"/>), how far the announcements sent there got.
/// </summary>
internal sealed record BroadcastChannelCounts(string Channel, int Recipients, IReadOnlyDictionary<RecipientStatus, int> ByStatus, BroadcastDeliveries? Deliveries)
{
    public int Count(RecipientStatus status) => ByStatus.GetValueOrDefault(status);
}

/// <summary>What a channel reported about the announcements sent on it.</summary>
/// <param name="Sent">Recipients in status 'sent' on the channel.</param>
/// <param name="Delivered">Of them, delivered to the owner's phone; read ones count too (a read message was delivered).</param>
/// <param name="Read">Of the delivered ones, read.</param>
/// <param name="NotDelivered">Of them, reported failed before any delivery.</param>
internal sealed record BroadcastDeliveries(int Sent, int Delivered, int Read, int NotDelivered)
{
    /// <summary>Sent, with neither a delivery nor a failure reported yet (only "sent", or nothing so far).</summary>
    public int NotReported => Math.Max(0, Sent - Delivered - NotDelivered);
}

internal static class BroadcastChannels
{
    /// <summary>
    /// True for a channel that reports deliveries of sent messages: WhatsApp's status webhooks do; Telegram's Bot API
    /// has no receipts, so its announcements have no delivered or read count at all (not zero).
    /// </summary>
    public static bool ReportsDeliveries(string channel) => channel == ChannelNames.WhatsApp;

    /// <summary>
    /// The broadcast's recipients per channel, channels by name. Reads the recipients of this one broadcast with their
    /// owner (for the channel) and, for the sent ones, their outbox row (for the delivery state).
    /// </summary>
    public static IReadOnlyList<BroadcastChannelCounts> Read(DbConnection connection, long broadcastId)
    {
        var rows = connection.Query<(string Channel, string Status, long Count, long Delivered, long Read, long NotDelivered)>(
            $"""
            SELECT u.channel, r.status, COUNT(*),
                   COALESCE(SUM(CASE WHEN o.delivery IN ({(int)DeliveryState.Delivered}, {(int)DeliveryState.Read}) THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN o.delivery = {(int)DeliveryState.Read} THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN o.delivery = {(int)DeliveryState.Failed} THEN 1 ELSE 0 END), 0)
            FROM broadcast_recipients r
            JOIN users u ON u.id = r.user_id
            LEFT JOIN outbox o ON o.id = r.outbox_id AND r.status = '{RecipientStatuses.Sent}'
            WHERE r.broadcast_id = @id
            GROUP BY u.channel, r.status
            """,
            new { id = broadcastId });

        var channels = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!channels.TryGetValue(row.Channel, out var tally))
            {
                channels[row.Channel] = tally = new Tally();
            }

            tally.All += (int)row.Count;
            if (RecipientStatuses.TryParse(row.Status, out var status))
            {
                tally.ByStatus[status] = (int)row.Count;
            }

            tally.Delivered += (int)row.Delivered;
            tally.Read += (int)row.Read;
            tally.NotDelivered += (int)row.NotDelivered;
        }

        return
        [
            .. channels.Select(c => new BroadcastChannelCounts(
                c.Key,
                c.Value.All,
                c.Value.ByStatus,
                ReportsDeliveries(c.Key)
                    ? new BroadcastDeliveries(c.Value.ByStatus.GetValueOrDefault(RecipientStatus.Sent), c.Value.Delivered, c.Value.Read, c.Value.NotDelivered)
                    : null)),
        ];
    }

    private sealed class Tally
    {
        public int All { get; set; }

        public Dictionary<RecipientStatus, int> ByStatus { get; } = [];

        public int Delivered { get; set; }

        public int Read { get; set; }

        public int NotDelivered { get; set; }
    }
}
