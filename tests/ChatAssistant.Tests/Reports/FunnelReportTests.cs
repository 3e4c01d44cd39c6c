using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Reports;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using CsvHelper;

namespace ChatAssistant.Tests.Reports;

public abstract class FunnelReportTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected FunnelReportTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Funnel_counts_where_owners_stopped_in_step_order()
    {
        await OwnersThroughTheSalesDialogAsync();

        var report = Read(since: null);

        Assert.Equal(8, report.Started);
        Assert.Equal(3, report.Completed);
        Assert.Equal(2, report.Cancelled);
        Assert.Equal(3, report.Open);
        Assert.Equal(3.0 / 8, report.CompletionRate);
        Assert.Equal([new FunnelOutcome("micro", 2), new FunnelOutcome("other", 1)], report.Outcomes);

        // Steps of the live dialog in its order (hello, name, sales, kur...), then a step no longer in it.
        Assert.Equal(
            [
                new FunnelStop("name", 2, Open: 1, Cancelled: 1),
                new FunnelStop("sales", 3, Open: 1, Cancelled: 0),
                new FunnelStop("kur", 4, Open: 0, Cancelled: 1),
                new FunnelStop("old-step", null, Open: 1, Cancelled: 0),
            ],
            report.Stops);
    }

    [Fact]
    public async Task Funnel_text_shows_the_numbers_aligned_and_marks_steps_no_longer_in_the_dialog()
    {
        await OwnersThroughTheSalesDialogAsync();

        using var text = new StringWriter();
        Read(since: null).WriteText(text);
        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("Funnel of sales, all conversations", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  started ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 8", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  completed ", StringComparison.Ordinal) && l.Contains("37.5% of started", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("old-step (not in the live version)", StringComparison.Ordinal));

        // Every count column of the step table ends at the same place.
        var heading = lines.FindIndex(l => l.StartsWith("Stopped at", StringComparison.Ordinal));
        var table = lines.Skip(heading).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(5, table.Count);
        Assert.Single(table.Select(l => l.Length).Distinct());
    }

    [Fact]
    public async Task Funnel_since_counts_only_conversations_started_on_or_after_midnight_wib()
    {
        await using (var fixture = await WriterFixture.StartAsync(_target))
        {
            // 23:59:59 WIB on 23 November, then midnight WIB on the 24th (17:00 UTC).
            fixture.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 16, 59, 59, TimeSpan.Zero));
            await fixture.SendAsync("late", "/omzet");
            fixture.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
            await fixture.SendAsync("next-day", "/omzet");
            await fixture.SendAsync("next-day", "Toko");
        }

        var report = Read(new DateOnly(2026, 11, 24));

        Assert.Equal(1, report.Started);
        Assert.Equal([new FunnelStop("sales", 3, Open: 1, Cancelled: 0)], report.Stops);
        Assert.Equal(2, Read(new DateOnly(2026, 11, 23)).Started);
    }

    [Fact]
    public async Task Funnel_csv_has_a_header_and_one_row_per_line_item_that_a_csv_parser_reads_back()
    {
        await OwnersThroughTheSalesDialogAsync();

        using var text = new StringWriter();
        Read(new DateOnly(2026, 11, 1)).WriteCsv(text);

        using var reader = CsvReader.Create(new StringReader(text.ToString()), null, false);
        reader.ReadHeader();
        var rows = new List<string>();
        while (reader.Read())
        {
            Assert.Equal("sales", reader.GetString("dialog_id"));
            Assert.Equal("2026-11-01", reader.GetString("since"));
            rows.Add($"{reader.GetString("section")},{reader.GetString("item")},{reader.GetString("position")},{reader.GetString("count")}");
        }

        Assert.Equal(
            [
                "summary,started,1,8",
                "summary,completed,2,3",
                "summary,cancelled,3,2",
                "summary,open,4,3",
                "outcome,micro,1,2",
                "outcome,other,2,1",
                "stopped_open,name,2,1",
                "stopped_open,sales,3,1",
                "stopped_open,old-step,,1",
                "stopped_cancelled,name,2,1",
                "stopped_cancelled,kur,4,1",
            ],
            rows);
    }

    [Fact]
    public async Task Report_funnel_runs_as_a_process_and_names_the_known_dialogs_for_an_unknown_one()
    {
        var dialogs = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");
        var csv = Path.Combine(_folder.Path, "funnel.csv");
        _target.Open(TimeProvider.System).Dispose(); // the worker made it: report verbs never create one
        var database = new Dictionary<string, string>(_target.Settings); // the configured database, SQLite or PostgreSQL

        var (exitCode, output, error) = await AssistantProcess.RunAsync(string.Empty, database,
            "report", "funnel", "stimulus-eligibility", "--since", "2026-11-01", "--dialogs", dialogs);
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Funnel of stimulus-eligibility, conversations started on or after 2026-11-01 (WIB)", output, StringComparison.Ordinal);

        (exitCode, _, error) = await AssistantProcess.RunAsync(string.Empty, database,
            "report", "funnel", "stimulus-eligibility", "--csv", csv, "--dialogs", dialogs);
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("dialog_id,since,section,item,position,count", File.ReadAllText(csv), StringComparison.Ordinal);

        (exitCode, output, error) = await AssistantProcess.RunAsync(string.Empty, database,
            "report", "funnel", "no-such-dialog", "--dialogs", dialogs);
        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        // The report's own line comes last (the shipped dialogs being edited may log problems of their own first).
        var line = error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("report funnel: ", line, StringComparison.Ordinal);
        Assert.Contains("no dialog 'no-such-dialog'", line, StringComparison.Ordinal);
        Assert.Contains("stimulus-eligibility", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// Eight owners of the sales dialog: three complete (micro, other, micro), one rests at 'sales' and one at
    /// 'name', two cancel (at 'name' and at 'kur'), and one is paused at a step an older version had.
    /// </summary>
    private async Task OwnersThroughTheSalesDialogAsync()
    {
        await using (var fixture = await WriterFixture.StartAsync(_target))
        {
            async Task Say(string owner, params string[] messages)
            {
                foreach (var message in messages)
                {
                    await fixture.SendAsync(owner, message);
                }
            }

            await Say("micro-1", "/omzet", "Toko Satu", "100 juta", "tidak");
            await Say("other", "/omzet", "Toko Dua", "100 juta", "ya");
            await Say("micro-2", "/omzet", "Toko Tiga", "Rp1,5 miliar", "tidak");
            await Say("at-sales", "/omzet", "Toko Empat");
            await Say("at-name", "/omzet");
            await Say("cancelled-at-name", "/omzet", "/batal");
            await Say("cancelled-at-kur", "/omzet", "Toko Tujuh", "5 juta", "/batal");
        }

        // A conversation of an older version, paused at a step that has since been renamed.
        Sql.Execute(_target, """
            INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('test', 'old-version', 'id', 0, 0);
            INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at)
            SELECT id, 'sales', 0, 'old-step', 1, NULL, '[]', 1795420800000, 1795420800000 FROM users WHERE chat_id = 'old-version';
            """);
    }

    private FunnelReport Read(DateOnly? since)
    {
        using var connection = _target.Connect();
        return FunnelReport.Read(connection, SalesDialog(), since);
    }

    private static DialogDefinition SalesDialog() =>
        DialogLoader.Load([new DialogSource("test.yaml", TestDialogs.Sales)]).Catalog.Find("sales")!.Definition;
}

public sealed class FunnelReportTests_Sqlite() : FunnelReportTests(StorageProviderKind.Sqlite);

public sealed class FunnelReportTests_Postgres() : FunnelReportTests(StorageProviderKind.Postgres);
