using System.Globalization;
using ChatAssistant.Broadcasts;
using ChatAssistant.Outbox;
using ChatAssistant.Reports;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;
using CsvHelper;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Tests.Reports;

/// <summary>
/// A broadcast's recipients split by channel, and what WhatsApp reported of the announcements sent there (delivered,
/// read, not delivered); Telegram reports no deliveries, so it has no such counts.
/// </summary>
public sealed class BroadcastChannelReportTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero); // 10:00 WIB

    private readonly TempFolder _folder = new();
    private readonly Owners _owners;

    public BroadcastChannelReportTests()
    {
        Owners.CreateSchema(_folder.DatabasePath);
        _owners = new Owners(_folder.DatabasePath);
    }

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.DatabasePath;

    [Fact]
    public void A_broadcast_on_both_channels_counts_recipients_per_channel_and_whatsapps_deliveries()
    {
        MixedBroadcast(1);
        using var connection = Open();

        var summary = Assert.Single(BroadcastSummary.Read(connection));

        Assert.Equal(["telegram", "whatsapp"], summary.Channels.Select(c => c.Channel));
        var telegram = summary.Channels[0];
        Assert.Equal((3, 2, 1), (telegram.Recipients, telegram.Count(RecipientStatus.Sent), telegram.Count(RecipientStatus.Blocked)));
        Assert.Null(telegram.Deliveries);
        var whatsApp = summary.Channels[1];
        Assert.Equal((6, 5, 1), (whatsApp.Recipients, whatsApp.Count(RecipientStatus.Sent), whatsApp.Count(RecipientStatus.Queued)));

        // Read counts as delivered; the failure is not delivered; "sent" only and no report at all are not reported yet.
        Assert.Equal(new BroadcastDeliveries(Sent: 5, Delivered: 2, Read: 1, NotDelivered: 1), whatsApp.Deliveries);
        Assert.Equal(2, whatsApp.Deliveries!.NotReported);
    }

    [Fact]
    public void The_text_shows_a_line_per_channel_and_whatsapps_deliveries_when_both_channels_are_reached()
    {
        MixedBroadcast(1);
        using var connection = Open();
        using var text = new StringWriter();

        BroadcastReport.WriteText(text, BroadcastSummary.Read(connection));
        var lines = text.ToString().Split(Environment.NewLine);

        Assert.Contains("  recipients 9: waiting 0, queued 1, sent 7, failed 0, blocked 1, opted_out 0, uncertain 0, cancelled 0", lines);
        Assert.Contains("  telegram 3: sent 2, blocked 1 (no delivery reports on telegram)", lines);
        Assert.Contains("  whatsapp 6: queued 1, sent 5", lines);
        Assert.Contains("  whatsapp deliveries of the 5 sent: delivered 2 (read 1), not delivered 1, no report yet 2", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("  telegram deliveries", StringComparison.Ordinal));
    }

    [Fact]
    public void A_telegram_only_broadcast_reads_as_before_and_a_whatsapp_only_one_adds_only_its_deliveries()
    {
        var ani = _owners.Add("ani");
        Broadcast(1);
        Recipient(1, ani, "sent", Announcement(ani, "telegram", "ani", delivery: null));
        var sari = _owners.Add("628111", channel: "whatsapp");
        Broadcast(2);
        Recipient(2, sari, "sent", Announcement(sari, "whatsapp", "628111", delivery: DeliveryState.Read));
        using var connection = Open();
        using var text = new StringWriter();

        BroadcastReport.WriteText(text, BroadcastSummary.Read(connection));
        var blocks = text.ToString().Split(Environment.NewLine + Environment.NewLine);

        var whatsAppOnly = blocks[0].Split(Environment.NewLine);
        Assert.StartsWith("#2 ", whatsAppOnly[0], StringComparison.Ordinal);
        Assert.Equal(
            ["  recipients 1: waiting 0, queued 0, sent 1, failed 0, blocked 0, opted_out 0, uncertain 0, cancelled 0",
             "  whatsapp deliveries of the 1 sent: delivered 1 (read 1), not delivered 0, no report yet 0"],
            whatsAppOnly[2..4]);
        var telegramOnly = blocks[1].Split(Environment.NewLine);
        Assert.StartsWith("#1 ", telegramOnly[0], StringComparison.Ordinal);
        Assert.Equal(4, telegramOnly.Length); // heading, times, recipients, send rate: no channel or delivery lines
        Assert.StartsWith("  send rate", telegramOnly[3], StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_has_recipients_and_sent_per_channel_and_whatsapps_deliveries_that_a_parser_reads_back()
    {
        MixedBroadcast(1);
        using var connection = Open();
        using var text = new StringWriter();

        BroadcastReport.WriteCsv(text, BroadcastSummary.Read(connection));

        using var reader = CsvReader.Create(new StringReader(text.ToString()), null, false);
        reader.ReadHeader();
        Assert.True(reader.Read());
        string[] columns = ["recipients", "telegram_recipients", "telegram_sent", "whatsapp_recipients", "whatsapp_sent", "whatsapp_delivered", "whatsapp_read", "whatsapp_not_delivered"];
        Assert.Equal(["9", "3", "2", "6", "5", "2", "1", "1"], columns.Select(reader.GetString));
        Assert.False(reader.Read());
    }

    [Fact]
    public async Task Broadcast_status_prints_the_channels_and_deliveries()
    {
        MixedBroadcast(1);

        var (exitCode, output, error) = await AssistantProcess.RunAsync(string.Empty,
            ["broadcast", "status", "1", "--db", Db, "--dialogs", Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs")]);

        Assert.True(exitCode == 0, error);
        Assert.Contains("\n  telegram 3: sent 2, blocked 1 (no delivery reports on telegram)\n  whatsapp 6: queued 1, sent 5\n", output, StringComparison.Ordinal);
        Assert.Contains("\n  whatsapp deliveries of the 5 sent: delivered 2 (read 1), not delivered 1, no report yet 2\n", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Telegram: 2 sent, 1 blocked. WhatsApp: 5 sent (read, delivered, failed, only "sent", nothing reported), 1 queued.
    /// </summary>
    private void MixedBroadcast(long id)
    {
        Broadcast(id);
        foreach (var chat in new[] { "ani", "budi" })
        {
            var owner = _owners.Add(chat);
            Recipient(id, owner, "sent", Announcement(owner, "telegram", chat, delivery: null));
        }

        Recipient(id, _owners.Add("citra"), "blocked", null);
        var deliveries = new DeliveryState?[] { DeliveryState.Read, DeliveryState.Delivered, DeliveryState.Failed, DeliveryState.Sent, null };
        for (var i = 0; i < deliveries.Length; i++)
        {
            var chat = "62811100" + i.ToString(CultureInfo.InvariantCulture);
            var owner = _owners.Add(chat, channel: "whatsapp");
            Recipient(id, owner, "sent", Announcement(owner, "whatsapp", chat, deliveries[i]));
        }

        var waiting = _owners.Add("628111999", channel: "whatsapp");
        Recipient(id, waiting, "queued", Announcement(waiting, "whatsapp", "628111999", delivery: null, sent: false));
    }

    private void Broadcast(long id) => Sql.Execute(Db, string.Create(CultureInfo.InvariantCulture, $"""
        INSERT INTO broadcasts (id, text_id, segment, created_by, status, created_at, scheduled_at, started_at)
        VALUES ({id}, 'Halo', '', 'operator@dinas', 'sending', {Day.AddHours(-1).ToUnixTimeMilliseconds()}, {Day.ToUnixTimeMilliseconds()}, {Day.ToUnixTimeMilliseconds()})
        """));

    private long Announcement(long owner, string channel, string chat, DeliveryState? delivery, bool sent = true)
    {
        Sql.Execute(Db, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO outbox (user_id, channel, chat_id, priority, text, created_at, sent_at, sent_message_id, delivery)
            VALUES ({owner}, '{channel}', '{chat}', 1, 'Halo', 0, {(sent ? "1" : "NULL")}, {(sent ? $"'m-{owner}'" : "NULL")}, {(delivery is { } d ? ((int)d).ToString(CultureInfo.InvariantCulture) : "NULL")})
            """));
        return Sql.Count(Db, "SELECT MAX(id) FROM outbox");
    }

    private void Recipient(long broadcast, long owner, string status, long? outboxId) => Sql.Execute(Db, string.Create(CultureInfo.InvariantCulture, $"""
        INSERT INTO broadcast_recipients (broadcast_id, user_id, utc_offset, status, outbox_id, updated_at)
        VALUES ({broadcast}, {owner}, 420, '{status}', {(outboxId is { } o ? o.ToString(CultureInfo.InvariantCulture) : "NULL")}, {Day.AddSeconds(5).ToUnixTimeMilliseconds()})
        """));

    private SqliteConnection Open() => Database.Open(Db, TimeSpan.FromSeconds(5));
}
