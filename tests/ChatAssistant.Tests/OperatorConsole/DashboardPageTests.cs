using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The dashboard at /console in the real worker over HTTP, read with an HTML parser: owners by channel and language,
/// who was active, the day chart and each dialog's funnel as images with their numbers also in words and tables, and
/// the announcements in progress in a fragment that reloads itself. The worker's clock reads 10:00 WIB, 1 December 2026.
/// </summary>
public sealed class DashboardPageTests : IDisposable
{
    private const string Announcements = "/console?handler=Announcements";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("/console?hari=7")]
    [InlineData(Announcements)]
    public async Task Without_a_session_the_dashboard_and_its_live_part_are_not_found(string path)
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SendAsync(5001, "/stimulus");

        using var response = await worker.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("stimulus", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_counts_owners_by_channel_and_language_and_who_was_active_today_and_this_week()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SendAsync(5001, "/stimulus");
        await worker.SendAsync(5002, "/menu");
        // A WhatsApp owner in English, last seen eight days ago.
        Sql.Execute(_folder.DatabasePath, $"INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('whatsapp', '6281234', 'en', 0, {worker.Clock.GetUtcNow().AddDays(-8).ToUnixTimeMilliseconds()})");
        await worker.SignInAsync(_folder); // the operator wrote /masuk today too

        var page = await worker.PageAsync(ConsolePaths.Root);

        Assert.Equal("4", page.GetElementById("pemilik-semua")!.TextContent);
        Assert.Equal("3", page.GetElementById("aktif-hari-ini")!.TextContent);
        Assert.Equal("3", page.GetElementById("aktif-7-hari")!.TextContent);
        Assert.Equal(
            [
                ["Telegram", "Bahasa Indonesia", "3", "3", "3"],
                ["WhatsApp", "English", "1", "0", "0"],
            ],
            Rows(page.GetElementById("pemilik-per-kanal")!.QuerySelector("tbody")!));
    }

    [Fact]
    public async Task Conversations_per_day_are_a_chart_with_its_numbers_in_words_and_a_table_without_operators_dialogs()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SendAsync(5001, "/stimulus");
        worker.Clock.Advance(TimeSpan.FromDays(1)); // 10:00 WIB on 2 December
        await worker.SendAsync(5002, "/stimulus");
        await worker.SendAsync(5003, "/stimulus");
        await worker.SignInAsync(_folder); // /masuk is a dialog too, but an operator's

        var page = await worker.PageAsync(ConsolePaths.Root + "?hari=7");

        var chart = page.GetElementById("grafik-harian")!;
        Assert.Equal("svg", chart.LocalName);
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal("grafik-harian-title grafik-harian-desc", chart.GetAttribute("aria-labelledby"));
        Assert.NotNull(page.GetElementById("grafik-harian-title"));
        Assert.Equal(
            "26 Nov 2026 sampai 2 Des 2026 (WIB): 3 dimulai, 0 selesai. Paling banyak dimulai pada 2 Des: 2.",
            chart.ParentElement!.QuerySelector("figcaption")!.TextContent);
        var days = Rows(page.GetElementById("tabel-harian")!.QuerySelector("tbody")!);
        Assert.Equal(7, days.Count);
        Assert.Equal(["26 Nov 2026", "0", "0"], days[0]);
        Assert.Equal(["1 Des 2026", "1", "0"], days[^2]);
        Assert.Equal(["2 Des 2026", "2", "0"], days[^1]);

        var chosen = Assert.Single(page.QuerySelectorAll("nav.period a[aria-current=page]"));
        Assert.Equal("7 hari", chosen.TextContent);
        Assert.Equal(["7 hari", "14 hari", "30 hari"], page.QuerySelectorAll("nav.period a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Each_owners_dialog_has_its_funnel_of_where_owners_stop_and_a_table_of_the_same_numbers()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SendAsync(5001, "/stimulus");
        await worker.SendAsync(5002, "/stimulus");
        await worker.SendAsync(5002, "/batal");
        await worker.SignInAsync(_folder);
        // Both rest at the dialog's first question: one still there, one cancelled there.
        var step = Sql.Text(_folder.DatabasePath, "SELECT step_id FROM conversations WHERE dialog_id = 'stimulus-eligibility' AND status < 2");
        Assert.Equal(step, Sql.Text(_folder.DatabasePath, "SELECT step_id FROM conversations WHERE dialog_id = 'stimulus-eligibility' AND status = 3"));

        var page = await worker.PageAsync(ConsolePaths.Root);

        var stimulus = page.GetElementById("dialog-stimulus-eligibility")!;
        var funnel = stimulus.QuerySelector("svg")!;
        Assert.Equal("corong-stimulus-eligibility", funnel.Id);
        Assert.Equal("img", funnel.GetAttribute("role"));
        Assert.StartsWith("Corong ", page.GetElementById("corong-stimulus-eligibility-title")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("2 percakapan dimulai, 0 selesai (0%), 1 batal, 1 masih berjalan.", stimulus.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);
        var table = Rows(stimulus.QuerySelector("table.tabel-corong tbody")!);
        Assert.Equal(["Dimulai (started)", "", "", "2"], table[0]);
        Assert.Equal([step!, "1", "1", "2"], table[1]);
        Assert.Equal(2, table.Skip(1).Sum(r => int.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)));

        // Operators' dialogs are not owners' progress; a dialog nobody started says so instead of an empty chart.
        Assert.Null(page.GetElementById("dialog-console-login"));
        var untouched = page.QuerySelectorAll("article[id^=dialog-]").Where(a => a.QuerySelector("svg") is null).ToList();
        Assert.NotEmpty(untouched);
        Assert.All(untouched, a => Assert.Contains("Belum ada percakapan sejak 18 Nov 2026", a.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Announcements_in_progress_show_their_counts_and_reload_themselves_with_the_new_ones()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        foreach (var owner in new long[] { 5001, 5002, 5003 })
        {
            await worker.SendAsync(owner, "/menu");
        }

        var now = worker.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        Sql.Execute(_folder.DatabasePath, $"""
            INSERT INTO broadcasts (id, text_id, segment, created_by, status, created_at, scheduled_at, started_at)
            VALUES (7, 'Pelatihan <b>ekspor</b> dibuka', 'all', 'telegram:424242', 'sending', {now}, {now}, {now}),
                   (8, 'Sudah selesai', 'all', 'telegram:424242', 'finished', {now}, {now}, {now});
            INSERT INTO broadcast_recipients (broadcast_id, user_id, utc_offset, status, updated_at)
            SELECT 7, id, 420, CASE chat_id WHEN '5001' THEN 'sent' WHEN '5002' THEN 'queued' ELSE 'failed' END, {now} FROM users;
            """);
        await worker.SignInAsync(_folder);

        var page = await worker.PageAsync(ConsolePaths.Root);

        var live = page.GetElementById("siaran-berjalan")!;
        Assert.Equal(Announcements, live.GetAttribute("hx-get"));
        Assert.Equal("every 5s", live.GetAttribute("hx-trigger"));
        Assert.Equal("outerHTML", live.GetAttribute("hx-swap"));
        var announcement = Assert.Single(live.QuerySelectorAll("article"));
        Assert.Equal("siaran-7", announcement.Id);
        Assert.Equal(ConsolePaths.Broadcasts + "/7", announcement.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal("Pelatihan <b>ekspor</b> dibuka", announcement.QuerySelector(".excerpt")!.TextContent);
        Assert.Equal(("3", "1", "1", "1"), Counts(announcement));
        var progress = (IHtmlProgressElement)announcement.QuerySelector("progress")!;
        Assert.Equal(2, progress.Value);
        Assert.Equal(progress.Id, announcement.QuerySelector("label")!.GetAttribute("for"));

        Sql.Execute(_folder.DatabasePath, "UPDATE broadcast_recipients SET status = 'sent' WHERE status = 'queued'");
        var fragment = await worker.PageAsync(Announcements);

        Assert.Null(fragment.QuerySelector("nav"));
        Assert.Null(fragment.QuerySelector("h1"));
        var again = fragment.GetElementById("siaran-berjalan")!;
        Assert.Equal(Announcements, again.GetAttribute("hx-get"));
        Assert.Equal(("3", "0", "2", "1"), Counts(again.QuerySelector("article")!));

        Sql.Execute(_folder.DatabasePath, "UPDATE broadcasts SET status = 'finished' WHERE id = 7");
        var none = await worker.PageAsync(Announcements);
        Assert.Empty(none.QuerySelectorAll("article"));
        Assert.Contains("Tidak ada siaran yang terjadwal atau sedang dikirim.", none.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_the_dashboard_changes_nothing_and_a_post_to_it_without_a_token_is_refused()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SendAsync(5001, "/stimulus");
        await worker.SignInAsync(_folder);

        _ = await worker.PageAsync(ConsolePaths.Root);
        _ = await worker.PageAsync(ConsolePaths.Root + "?hari=30");
        _ = await worker.PageAsync(Announcements);
        using var forged = await worker.PostAsync(ConsolePaths.Root, [KeyValuePair.Create("hari", "7")]);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        // Only the sign-in is in the audit log: looking is not an action.
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit"));
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM conversations WHERE dialog_id = 'stimulus-eligibility'"));
    }

    private static List<string[]> Rows(IElement body) =>
        [.. body.QuerySelectorAll("tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray())];

    private static (string Recipients, string Queued, string Sent, string Failed) Counts(IElement announcement)
    {
        string Count(string name) => announcement.QuerySelector($"dd[data-count={name}]")!.TextContent;
        return (Count("recipients"), Count("queued"), Count("sent"), Count("failed"));
    }
}
