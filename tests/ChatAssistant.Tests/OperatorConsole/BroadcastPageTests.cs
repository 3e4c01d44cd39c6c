using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ChatAssistant.Broadcasts;
using ChatAssistant.Dialogs;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The console's broadcast pages in the real worker over HTTP, read with an HTML parser: not there without a session,
/// forms refused without their anti-forgery token, the live count and the preview, creating (scheduled in WIB) and
/// cancelling with their audit rows, and the progress counts htmx refreshes. The worker's clock is 2026-12-01 10:00 WIB.
/// </summary>
public sealed class BroadcastPageTests : IDisposable
{
    private const string Compose = ConsolePaths.Broadcasts + "/baru";
    private static readonly HtmlParser Parser = new();

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("/console/siaran")]
    [InlineData("/console/siaran/baru")]
    [InlineData("/console/siaran/1")]
    [InlineData("/console/siaran/1?handler=Progress")]
    public async Task Without_a_session_a_broadcast_page_is_not_found(string path)
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        CreateDirectly(worker);

        using var response = await worker.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_session_creating_and_cancelling_are_not_found_and_change_nothing()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        var id = CreateDirectly(worker);

        using var create = await worker.PostAsync(Compose, Fields(("Input.TextIndonesian", "Halo")));
        using var cancel = await worker.PostAsync($"{ConsolePaths.Broadcasts}/{id}?handler=Cancel", []);

        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal("1|scheduled", Sql.Text(_folder.DatabasePath, "SELECT COUNT(*) || '|' || min(status) FROM broadcasts"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action LIKE 'broadcast%'"));
    }

    [Fact]
    public async Task Creating_or_cancelling_without_the_anti_forgery_token_is_refused_and_changes_nothing()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);
        Seed().InProvince("1001", "Riau");
        var id = CreateDirectly(worker);
        _ = await worker.PageAsync(Compose); // the anti-forgery cookie is set; the form's token is left out below

        using var create = await worker.PostAsync(Compose, Fields(("Input.TextIndonesian", "Halo"), ("Input.Filters[province]", "Riau")));
        using var cancel = await worker.PostAsync($"{ConsolePaths.Broadcasts}/{id}?handler=Cancel", []);

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.Contains("tidak ada yang diubah", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1|scheduled", Sql.Text(_folder.DatabasePath, "SELECT COUNT(*) || '|' || min(status) FROM broadcasts"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action LIKE 'broadcast%'"));
    }

    [Fact]
    public async Task The_compose_form_counts_recipients_live_with_the_WhatsApp_owners_outside_the_24_hour_window()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);
        var owners = Seed();
        owners.InProvince("1001", "Riau");
        owners.Add("6281100000001", channel: "whatsapp", lastSeen: worker.Clock.GetUtcNow() - TimeSpan.FromHours(2), profile: ("province", "t:Riau"));
        owners.Add("6281100000002", channel: "whatsapp", lastSeen: worker.Clock.GetUtcNow() - TimeSpan.FromDays(3), profile: ("province", "t:Riau"));
        owners.InProvince("terminal", "Riau", channel: "console");
        var page = await worker.PageAsync(Compose);

        // Every filter of the command line is a labelled field, and the filters post to the count as they change.
        foreach (var (name, _, _) in SegmentParser.Filters)
        {
            Assert.NotNull(page.QuerySelector($"label[for='filter-{name}']"));
            Assert.Equal($"Input.Filters[{name}]", page.QuerySelector($"#filter-{name}")!.GetAttribute("name"));
        }

        Assert.Equal(Compose + "?handler=Count", page.QuerySelector("fieldset[hx-post]")!.GetAttribute("hx-post"));
        using var response = await worker.PostAsync(Compose + "?handler=Count", Fields(("Input.Filters[province]", "Riau"), (Token(page))));
        var count = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", count.QuerySelector("#recipient-total")!.GetAttribute("data-count"));
        Assert.Equal("1", count.QuerySelector("#outside-window")!.GetAttribute("data-count"));
        Assert.Contains("1 pemilik usaha yang hanya memakai chat terminal", count.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(count.QuerySelector("nav")); // a part of the page, not a page
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Fact]
    public async Task Zero_recipients_are_said_plainly_with_why_and_nothing_is_created()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);
        Seed().InProvince("terminal", "Riau", channel: "console");
        var page = await worker.PageAsync(Compose);

        using var response = await worker.PostAsync(Compose, Fields(("Input.TextIndonesian", "Halo"), ("Input.Filters[province]", "Riau"), Token(page)));
        var refused = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", refused.QuerySelector("#recipient-total")!.GetAttribute("data-count"));
        Assert.Contains("hanya memakai chat terminal", refused.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("only used the terminal chat", refused.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Halo", refused.QuerySelector("#text-id")!.TextContent); // what was typed stays
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcasts"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action LIKE 'broadcast%'"));
    }

    [Fact]
    public async Task The_preview_shows_the_announcement_per_channel_and_language_as_owners_get_it_and_creates_nothing()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);
        var page = await worker.PageAsync(Compose);

        using var response = await worker.PostAsync(Compose + "?handler=Preview", Fields(
            ("Input.TextIndonesian", "Pelatihan <b>gratis</b>"), ("Input.TextEnglish", "Free training"),
            ("Input.ButtonLabel", "Daftar"), ("Input.ButtonCommand", "/pelatihan"), Token(page)));
        var preview = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sections = preview.QuerySelectorAll("section.chat").Select(s => s.GetAttribute("aria-label")).ToList();
        Assert.Equal(["Pratinjau Telegram id", "Pratinjau Telegram en", "Pratinjau WhatsApp id", "Pratinjau WhatsApp en"], sections);
        var telegram = preview.QuerySelector("section.telegram .bubble")!;
        Assert.Equal("Pelatihan <b>gratis</b>\n\n" + AnnouncementText.Footer(Languages.Indonesian), telegram.QuerySelector(".text")!.TextContent); // text, never markup
        Assert.Equal(["Daftar"], telegram.QuerySelectorAll("li").Select(l => l.TextContent));
        Assert.Contains("Free training", preview.QuerySelectorAll("section.whatsapp")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Fact]
    public async Task Creating_schedules_it_in_WIB_audits_it_shows_it_in_the_list_and_cancelling_audits_once()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);
        var owners = Seed();
        owners.InProvince("1001", "Riau");
        owners.InProvince("1002", "Riau");
        var page = await worker.PageAsync(Compose);

        using var created = await worker.PostAsync(Compose, Fields(
            ("Input.TextIndonesian", "Pelatihan besok"), ("Input.Filters[province]", "Riau"), ("Input.SendAt", "2026-12-02T09:00"), Token(page)));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Sql.Count(_folder.DatabasePath, "SELECT id FROM broadcasts");
        Assert.Equal($"{ConsolePaths.Broadcasts}/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(
            $"scheduled|{new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()}|province=Riau|console:telegram:{ConsoleWorker.OperatorId}",
            Sql.Text(_folder.DatabasePath, "SELECT status || '|' || scheduled_at || '|' || segment || '|' || created_by FROM broadcasts"));
        Assert.Equal($"#{id} scheduled 2026-12-02T09:00:00+07:00, 2 recipients now, segment: province=Riau",
            Sql.Text(_folder.DatabasePath, $"SELECT detail FROM console_audit WHERE action = 'broadcast_created' AND operator = 'telegram:{ConsoleWorker.OperatorId}'"));

        var list = await worker.PageAsync(ConsolePaths.Broadcasts);
        var row = list.QuerySelector("tbody tr")!;
        Assert.Contains("terjadwal", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-12-02T09:00:00+07:00", row.TextContent, StringComparison.Ordinal);
        var audit = await worker.PageAsync(ConsolePaths.Audit);
        Assert.Contains("broadcast_created", audit.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);

        var detail = await worker.PageAsync($"{ConsolePaths.Broadcasts}/{id}");
        Assert.Equal("scheduled", detail.QuerySelector("#status")!.GetAttribute("data-status"));
        using var cancelled = await worker.SubmitAsync(detail, $"{ConsolePaths.Broadcasts}/{id}?handler=Cancel");
        var after = await Parser.ParseDocumentAsync(await cancelled.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", after.QuerySelector("#status")!.GetAttribute("data-status"));
        Assert.Contains($"Siaran #{id} dibatalkan", after.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(after.Forms, f => f.GetAttribute("action")!.Contains("Cancel", StringComparison.Ordinal));
        using var again = await worker.SubmitAsync(detail, $"{ConsolePaths.Broadcasts}/{id}?handler=Cancel");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action = 'broadcast_cancelled'"));
    }

    [Fact]
    public async Task The_progress_shows_each_count_and_refreshes_itself_while_sending()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);
        var owners = Seed();
        foreach (var chat in new[] { "1001", "1002", "1003", "1004", "1005" })
        {
            owners.InProvince(chat, "Riau");
        }

        var page = await worker.PageAsync(Compose);
        using var created = await worker.PostAsync(Compose, Fields(("Input.TextIndonesian", "Sekarang"), ("Input.Filters[province]", "Riau"), Token(page)));
        var path = created.Headers.Location!.OriginalString;
        var id = path[(path.LastIndexOf('/') + 1)..];

        // No chat channel runs in this worker: the recipients' outcomes are set as the feeder and senders would.
        foreach (var (chat, status) in new[] { ("1001", "sent"), ("1002", "sent"), ("1003", "opted_out"), ("1004", "uncertain"), ("1005", "queued") })
        {
            Sql.Execute(_folder.DatabasePath, $"UPDATE broadcast_recipients SET status = '{status}' WHERE broadcast_id = {id} AND user_id = (SELECT id FROM users WHERE chat_id = '{chat}')");
        }

        var detail = await worker.PageAsync(path);
        var progress = detail.QuerySelector("#progress")!;
        Assert.Equal("every 5s", progress.GetAttribute("hx-trigger"));
        Assert.Equal(path + "?handler=Progress", progress.GetAttribute("hx-get"));
        Assert.Equal("sending", detail.QuerySelector("#status")!.GetAttribute("data-status"));

        Sql.Execute(_folder.DatabasePath, $"UPDATE broadcast_recipients SET status = 'sent' WHERE broadcast_id = {id} AND status = 'queued'");
        using var refreshed = await worker.GetAsync(path + "?handler=Progress");
        var part = await Parser.ParseDocumentAsync(await refreshed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Null(part.QuerySelector("nav"));
        Assert.Equal(
            "recipients=5 waiting=0 queued=0 sent=3 delivered=- read=- failed=0 opted_out=1 blocked=0 uncertain=1 outside_window=0 cancelled=0",
            string.Join(' ', part.QuerySelectorAll("tr[data-count]").Select(r => r.GetAttribute("data-count") + "=" + r.QuerySelector("td")!.TextContent)));
        Assert.Contains("Telegram tidak melaporkan", part.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broadcast_that_does_not_exist_is_not_found()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);

        using var response = await worker.GetAsync(ConsolePaths.Broadcasts + "/99");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Owners Seed() => new(_folder.DatabasePath);

    /// <summary>A scheduled broadcast for everyone, made as the command line would (straight in the database, as another process).</summary>
    private long CreateDirectly(ConsoleWorker worker)
    {
        var at = worker.Clock.GetUtcNow().AddDays(1).ToUnixTimeMilliseconds();
        Sql.Execute(_folder.DatabasePath,
            $"INSERT INTO broadcasts (text_id, segment, created_by, status, created_at, scheduled_at) VALUES ('Halo', '', 'cli', 'scheduled', 0, {at})");
        return Sql.Count(_folder.DatabasePath, "SELECT max(id) FROM broadcasts");
    }

    private static (string, string) Token(IHtmlDocument page)
    {
        var input = page.QuerySelector("main form input[name='__console_token']") as IHtmlInputElement
            ?? throw new InvalidOperationException("no anti-forgery token in the page's form");
        return (input.Name!, input.Value);
    }

    private static KeyValuePair<string, string>[] Fields(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))];
}
