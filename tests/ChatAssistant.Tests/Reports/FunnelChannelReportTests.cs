using System.Globalization;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Reports;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;
using CsvHelper;

namespace ChatAssistant.Tests.Reports;

/// <summary>The funnel of one dialog split by the owners' channel (Telegram, WhatsApp) beside the totals.</summary>
public sealed class FunnelChannelReportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public FunnelChannelReportTests() => Owners.CreateSchema(_folder.DatabasePath);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Each_channel_gets_its_own_funnel_that_adds_up_to_the_total()
    {
        OwnersOnBothChannels();

        var report = Read();

        Assert.Equal((7, 3, 1, 3), (report.Started, report.Completed, report.Cancelled, report.Open));
        Assert.Equal(["telegram", "whatsapp"], report.Channels.Select(c => c.Channel));
        var (telegram, whatsApp) = (report.Channels[0], report.Channels[1]);
        Assert.Equal((3, 2, 0, 1), (telegram.Started, telegram.Completed, telegram.Cancelled, telegram.Open));
        Assert.Equal((4, 1, 1, 2), (whatsApp.Started, whatsApp.Completed, whatsApp.Cancelled, whatsApp.Open));
        Assert.Equal([new FunnelOutcome("micro", 2)], telegram.Outcomes);
        Assert.Equal([new FunnelStop("sales", 3, Open: 2, Cancelled: 0), new FunnelStop("kur", 4, Open: 0, Cancelled: 1)], whatsApp.Stops);
        Assert.Empty(telegram.Channels);
    }

    [Fact]
    public void The_text_has_a_column_per_channel_beside_the_total_and_the_completion_rate_of_each()
    {
        OwnersOnBothChannels();
        using var text = new StringWriter();

        Read().WriteText(text);
        var lines = text.ToString().Split(Environment.NewLine);

        Assert.Equal(
            [
                "Funnel of sales, all conversations",
                string.Empty,
                "                               total  telegram  whatsapp",
                "  started                          7         3         4",
                "  completed                        3         2         1   42.9% of started (telegram 66.7%, whatsapp 25.0%)",
                "  cancelled                        1         0         1",
                "  still open                       3         1         2   active or paused",
                string.Empty,
                "Outcomes (completed)",
                "  micro                            2         2         0",
                "  other                            1         0         1",
                string.Empty,
                "Stopped at (not completed)      open  cancelled  telegram  whatsapp",
                "  name                             1          0         1         0",
                "  sales                            2          0         0         2",
                "  kur                              0          1         0         1",
                string.Empty,
            ],
            lines);
    }

    [Fact]
    public void A_funnel_of_one_channel_has_no_channel_columns()
    {
        Conversations("telegram", "solo", count: 2, status: 2, step: "end", outcome: "micro");
        using var text = new StringWriter();

        Read().WriteText(text);

        Assert.DoesNotContain("telegram", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("total", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("  started" + new string(' ', 26) + "2" + Environment.NewLine, text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_has_the_telegram_and_whatsapp_part_of_every_count()
    {
        OwnersOnBothChannels();
        using var text = new StringWriter();

        Read().WriteCsv(text);

        using var reader = CsvReader.Create(new StringReader(text.ToString()), null, false);
        reader.ReadHeader();
        Assert.Equal(["dialog_id", "since", "section", "item", "position", "count", "telegram", "whatsapp"], FunnelReport.CsvHeader);
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(",", new[] { "section", "item", "count", "telegram", "whatsapp" }.Select(reader.GetString)));
        }

        Assert.Equal(
            [
                "summary,started,7,3,4",
                "summary,completed,3,2,1",
                "summary,cancelled,1,0,1",
                "summary,open,3,1,2",
                "outcome,micro,2,2,0",
                "outcome,other,1,0,1",
                "stopped_open,name,1,1,0",
                "stopped_open,sales,2,0,2",
                "stopped_cancelled,kur,1,0,1",
            ],
            rows);
    }

    /// <summary>
    /// Telegram: 2 completed (micro), 1 open at 'name'. WhatsApp: 1 completed (other), 1 cancelled at 'kur', 2 open
    /// at 'sales'.
    /// </summary>
    private void OwnersOnBothChannels()
    {
        Conversations("telegram", "tg-done", count: 2, status: 2, step: "end", outcome: "micro");
        Conversations("telegram", "tg-name", count: 1, status: 0, step: "name", outcome: null);
        Conversations("whatsapp", "wa-done", count: 1, status: 2, step: "end", outcome: "other");
        Conversations("whatsapp", "wa-kur", count: 1, status: 3, step: "kur", outcome: null);
        Conversations("whatsapp", "wa-sales", count: 2, status: 0, step: "sales", outcome: null);
    }

    /// <summary><paramref name="count"/> owners on a channel, each with one conversation of the sales dialog (status 0 active, 2 completed, 3 cancelled).</summary>
    private void Conversations(string channel, string prefix, int count, int status, string step, string? outcome)
    {
        for (var i = 0; i < count; i++)
        {
            var chat = prefix + "-" + i.ToString(CultureInfo.InvariantCulture);
            Sql.Execute(_folder.DatabasePath, $"""
                INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('{channel}', '{chat}', 'id', 0, 0);
                INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at)
                SELECT id, 'sales', 1, '{step}', {status}, {(outcome is null ? "NULL" : $"'{outcome}'")}, '[]', 1795420800000, 1795420800000 FROM users WHERE chat_id = '{chat}';
                """);
        }
    }

    private FunnelReport Read()
    {
        using var connection = Database.Open(_folder.DatabasePath, TimeSpan.FromSeconds(5));
        return FunnelReport.Read(connection, SalesDialog(), since: null);
    }

    private static DialogDefinition SalesDialog() =>
        DialogLoader.Load([new DialogSource("test.yaml", TestDialogs.Sales)]).Catalog.Find("sales")!.Definition;
}
