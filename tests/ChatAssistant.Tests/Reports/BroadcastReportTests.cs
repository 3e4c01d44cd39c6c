using System.Data.Common;
using System.Globalization;
using ChatAssistant.Broadcasts;
using ChatAssistant.Reports;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using CsvHelper;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Reports;

public abstract class BroadcastReportTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero); // 10:00 WIB

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected BroadcastReportTests(StorageProviderKind kind)
    {
        _target = StorageTarget.Create(kind, _folder);
        _target.Open(new FakeTimeProvider()).Dispose(); // the schema, as the worker made it
    }

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Summaries_count_recipients_by_status_newest_first_with_the_send_rate()
    {
        InsertFourBroadcasts();
        using var connection = Open();

        var summaries = BroadcastSummary.Read(connection);

        Assert.Equal([4L, 3L, 2L, 1L], summaries.Select(s => s.Id));
        var finished = summaries[3];
        Assert.Equal(("finished", "operator@dinas", "province=JB"), (finished.Status.Name(), finished.CreatedBy, finished.Segment));
        Assert.Equal(Day, finished.StartedAt);
        Assert.Equal(Day.AddSeconds(10), finished.FinishedAt);
        Assert.Null(finished.CancelledAt);
        Assert.Equal(
            (15, 0, 0, 10, 2, 1, 1, 1, 0),
            (finished.Recipients, finished.Waiting, finished.Queued, finished.Sent, finished.Failed, finished.Blocked, finished.OptedOut,
                finished.Uncertain, finished.CancelledRecipients));
        Assert.Equal(Day.AddSeconds(5), finished.LastSentAt);
        Assert.Equal(2.0, finished.SendRate); // 10 sent in the 5 s from the start to the last send

        var sending = summaries[2];
        Assert.Equal((6, 3, 2, 1), (sending.Recipients, sending.Waiting, sending.Queued, sending.Sent));
        Assert.Equal(0.25, sending.SendRate);

        var cancelled = summaries[1];
        Assert.Equal(("cancelled", 4, 4, 0), (cancelled.Status.Name(), cancelled.Recipients, cancelled.CancelledRecipients, cancelled.Sent));
        Assert.Equal(Day.AddDays(2).AddSeconds(30), cancelled.CancelledAt);
        Assert.Null(cancelled.SendRate);

        var scheduled = summaries[0];
        Assert.Equal(("scheduled", string.Empty, 0), (scheduled.Status.Name(), scheduled.Segment, scheduled.Recipients));
        Assert.Null(scheduled.StartedAt);
        Assert.Null(scheduled.LastSentAt);
        Assert.Null(scheduled.SendRate);
    }

    [Fact]
    public void A_summary_of_one_broadcast_counts_only_its_recipients()
    {
        InsertFourBroadcasts();
        using var connection = Open();

        var one = Assert.Single(BroadcastSummary.Read(connection, 2));

        Assert.Equivalent(BroadcastSummary.Read(connection)[2], one, strict: true);
        Assert.Empty(BroadcastSummary.Read(connection, 99));
    }

    [Fact]
    public void The_text_report_shows_times_in_wib_and_the_counts_of_each_broadcast()
    {
        InsertFourBroadcasts();
        using var connection = Open();
        using var text = new StringWriter();

        BroadcastReport.WriteText(text, BroadcastSummary.Read(connection));
        var output = text.ToString();

        Assert.StartsWith("#4 scheduled, created 2026-11-23T09:00:00+07:00 by operator@dinas, segment: every owner", output, StringComparison.Ordinal);
        Assert.Contains("#1 finished, created 2026-11-20T09:00:00+07:00 by operator@dinas, segment: province=JB", output, StringComparison.Ordinal);
        Assert.Contains("  scheduled 2026-11-20T10:00:00+07:00, started 2026-11-20T10:00:00+07:00, finished 2026-11-20T10:00:10+07:00", output, StringComparison.Ordinal);
        Assert.Contains("  recipients 15: waiting 0, queued 0, sent 10, failed 2, blocked 1, opted_out 1, uncertain 1, cancelled 0", output, StringComparison.Ordinal);
        Assert.Contains("  send rate 2.0 messages/s (last sent 2026-11-20T10:00:05+07:00)", output, StringComparison.Ordinal);
        Assert.Contains("cancelled 2026-11-22T10:00:30+07:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_database_says_there_are_no_broadcasts_yet()
    {
        using var connection = Open();
        using var text = new StringWriter();

        BroadcastReport.WriteText(text, BroadcastSummary.Read(connection));

        Assert.Equal("No broadcasts yet." + Environment.NewLine, text.ToString());
    }

    [Fact]
    public void The_csv_report_has_one_row_per_broadcast_that_a_csv_parser_reads_back()
    {
        InsertFourBroadcasts();
        using var connection = Open();
        using var text = new StringWriter();

        BroadcastReport.WriteCsv(text, BroadcastSummary.Read(connection));

        using var reader = CsvReader.Create(new StringReader(text.ToString()), null, false);
        reader.ReadHeader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", BroadcastReport.CsvHeader.Select(reader.GetString)));
        }

        Assert.Equal(4, rows.Count);
        Assert.Equal(
            "1|2026-11-20T09:00:00+07:00|operator@dinas|finished|province=JB|2026-11-20T10:00:00+07:00|2026-11-20T10:00:00+07:00|2026-11-20T10:00:10+07:00||15|0|0|10|2|1|1|1|0|2026-11-20T10:00:05+07:00|2|0|0|0|0|0|0|0|0|0",
            rows[3]);
        Assert.Equal(
            "4|2026-11-23T09:00:00+07:00|operator@dinas|scheduled||2026-11-24T10:00:00+07:00||||0|0|0|0|0|0|0|0|0|||0|0|0|0|0|0|0|0|0",
            rows[0]);
    }

    /// <summary>
    /// 1: finished (10 sent within 5 s, 2 failed, 1 blocked, 1 opted out, 1 uncertain); 2: sending (3 waiting,
    /// 2 queued, 1 sent 4 s after the start); 3: cancelled after its start (4 recipients cancelled); 4: scheduled.
    /// </summary>
    private void InsertFourBroadcasts()
    {
        Sql.Execute(_target, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 15)
            INSERT INTO users (id, channel, chat_id, language, created_at, last_seen_at) SELECT i, 'test', 'owner-' || i, 'id', 0, 0 FROM n;
            """);

        Broadcast(1, "finished", "province=JB", created: Day.AddHours(-1), scheduled: Day, started: Day, finished: Day.AddSeconds(10));
        Recipients(1, "sent", 1, 10, Day.AddSeconds(5));
        Recipients(1, "failed", 11, 12, Day.AddSeconds(7));
        Recipients(1, "blocked", 13, 13, Day.AddSeconds(3));
        Recipients(1, "opted_out", 14, 14, Day);
        Recipients(1, "uncertain", 15, 15, Day.AddSeconds(9));

        Broadcast(2, "sending", "sector=food", created: Day.AddDays(1).AddHours(-1), scheduled: Day.AddDays(1), started: Day.AddDays(1));
        Recipients(2, "sent", 1, 1, Day.AddDays(1).AddSeconds(4));
        Recipients(2, "waiting", 2, 4, Day.AddDays(1));
        Recipients(2, "queued", 5, 6, Day.AddDays(1).AddSeconds(2));

        Broadcast(3, "cancelled", "province=JT", created: Day.AddDays(2).AddHours(-1), scheduled: Day.AddDays(2), started: Day.AddDays(2),
            cancelled: Day.AddDays(2).AddSeconds(30));
        Recipients(3, "cancelled", 1, 4, Day.AddDays(2).AddSeconds(30));

        Broadcast(4, "scheduled", string.Empty, created: Day.AddDays(3).AddHours(-1), scheduled: Day.AddDays(4));
    }

    private void Broadcast(long id, string status, string segment, DateTimeOffset created, DateTimeOffset scheduled,
        DateTimeOffset? started = null, DateTimeOffset? finished = null, DateTimeOffset? cancelled = null) =>
        Sql.Execute(_target, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO broadcasts (id, text_id, segment, created_by, status, created_at, scheduled_at, started_at, finished_at, cancelled_at)
            VALUES ({id}, 'Halo', '{segment}', 'operator@dinas', '{status}', {Ms(created)}, {Ms(scheduled)}, {Ms(started)}, {Ms(finished)}, {Ms(cancelled)})
            """));

    private void Recipients(long broadcastId, string status, int firstUser, int lastUser, DateTimeOffset updated) =>
        Sql.Execute(_target, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO broadcast_recipients (broadcast_id, user_id, utc_offset, status, updated_at)
            SELECT {broadcastId}, id, 420, '{status}', {Ms(updated)} FROM users WHERE id BETWEEN {firstUser} AND {lastUser}
            """));

    private static string Ms(DateTimeOffset? time) =>
        time is { } value ? value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "NULL";

    private DbConnection Open() => _target.Connect();
}

public sealed class BroadcastReportTests_Sqlite() : BroadcastReportTests(StorageProviderKind.Sqlite);

public sealed class BroadcastReportTests_Postgres() : BroadcastReportTests(StorageProviderKind.Postgres);
