using System.Net;
using AngleSharp.Html.Dom;
using ChatAssistant.Channels;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Handoff;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The handoff inbox and a request's page on the real worker over HTTP (Console and Handoff on; the clock starts
/// Tuesday 10:00 WIB, inside working hours), read with an HTML parser: sessions required, anti-forgery checked,
/// every action audited, only the operator who has a request answers it, and what the pages show.
/// </summary>
public sealed class HandoffPageTests : IDisposable
{
    private const long Owner = 81001;
    private const string Other = "telegram:777";
    private static readonly string Me = "telegram:" + ConsoleWorker.OperatorId;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<ConsoleWorker> StartAsync() =>
        ConsoleWorker.StartAsync(_folder, new Dictionary<string, string?> { ["Handoff:Enabled"] = "true", ["Handoff:UnansweredAfter"] = "00:30:00" });

    /// <summary>An owner asks for a person; the request's id.</summary>
    private async Task<long> AskAsync(ConsoleWorker worker, long owner = Owner, string channel = "telegram")
    {
        await SendAsync(worker, owner.ToString(System.Globalization.CultureInfo.InvariantCulture), "/petugas", channel);
        return Sql.Count(_folder.DatabasePath, $"SELECT id FROM handoffs WHERE chat_id = '{owner}' AND closed_at IS NULL");
    }

    private static Task SendAsync(ConsoleWorker worker, string chat, string text, string channel = "telegram") =>
        worker.Services.GetRequiredService<IChannelInbox>().SubmitAsync(
            new InboundEnvelope(channel, chat, Guid.NewGuid().ToString("N"), InboundMessage.FromText(text), worker.Clock.GetUtcNow()), CancellationToken.None);

    /// <summary>Another operator acts on the writer, as their own console would.</summary>
    private static Task<HandoffOutcome> AsOtherAsync(ConsoleWorker worker, Func<HandoffStore, DateTimeOffset, HandoffOutcome> work) =>
        worker.Services.GetRequiredService<IStoreWriter>().RunAsync(worker.Services.GetRequiredService<HandoffStore>(), work);

    private static string Page(long id) => ConsolePaths.Handoff + "/" + id;

    /// <summary>The page's anti-forgery token (one per session: any form's will do).</summary>
    private static string Token(IHtmlDocument page) =>
        (page.QuerySelector($"input[name='{ConsoleWeb.AntiforgeryFieldName}']") as IHtmlInputElement)?.Value ?? throw new InvalidOperationException("no anti-forgery token");

    private static Task<HttpResponseMessage> ReplyAsync(ConsoleWorker worker, IHtmlDocument page, long id, string text) =>
        worker.PostAsync(Page(id) + "/reply", [KeyValuePair.Create(ConsoleWeb.AntiforgeryFieldName, Token(page)), KeyValuePair.Create("Text", text)]);

    private long HandoffAudits() => Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action LIKE 'handoff_%'");

    private long OwnerReplies() => Sql.Count(_folder.DatabasePath, $"SELECT COUNT(*) FROM outbox WHERE chat_id = '{Owner}'");

    [Theory]
    [InlineData("/console/petugas")]
    [InlineData("/console/petugas/1")]
    public async Task Without_a_session_the_handoff_pages_are_not_found(string path)
    {
        await using var worker = await StartAsync();
        await AskAsync(worker);

        using var response = await worker.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_session_taking_a_request_is_not_found_and_changes_nothing()
    {
        await using var worker = await StartAsync();
        var id = await AskAsync(worker);

        using var response = await worker.PostAsync(Page(id) + "/take", []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM handoffs WHERE taken_by IS NOT NULL"));
    }

    [Fact]
    public async Task The_inbox_lists_open_requests_with_who_has_each_and_marks_the_unanswered_ones_in_words()
    {
        await using var worker = await StartAsync();
        var waiting = await AskAsync(worker);
        worker.Clock.Advance(TimeSpan.FromMinutes(31));
        var fresh = await AskAsync(worker, 81002);
        var taken = await AskAsync(worker, 81003);
        await AsOtherAsync(worker, (s, now) => s.Take(taken, Other, now));
        await SendAsync(worker, "81003", "<b>tolong</b>");
        await worker.SignInAsync(_folder);

        var inbox = await worker.PageAsync(ConsolePaths.Handoff);

        var rows = inbox.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal([waiting, fresh, taken], rows.Select(r => long.Parse(r.GetAttribute("data-request")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("late", rows[0].ClassName);
        Assert.Contains("Belum dijawab", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("31 menit", rows[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Belum dijawab", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("belum diambil", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains(Other, rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("<b>tolong</b>", rows[2].TextContent, StringComparison.Ordinal); // shown as text, never as markup
        Assert.Empty(rows[2].QuerySelectorAll("b"));
        Assert.Equal("*1001", rows[0].QuerySelector("a")!.TextContent); // the chat id masked when no name was given
        Assert.Equal(Page(waiting), rows[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_operator_takes_replies_and_hands_back_from_the_page_and_each_action_is_audited()
    {
        await using var worker = await StartAsync();
        var id = await AskAsync(worker);
        await SendAsync(worker, Owner.ToString(System.Globalization.CultureInfo.InvariantCulture), "Apa itu KUR?");
        await worker.SignInAsync(_folder);
        var page = await worker.PageAsync(Page(id));
        Assert.Contains("Apa itu KUR?", page.QuerySelector(".transcript")!.TextContent, StringComparison.Ordinal);

        using (var take = await worker.SubmitAsync(page, Page(id) + "/take"))
        {
            Assert.Equal(HttpStatusCode.Redirect, take.StatusCode);
            Assert.Equal(Page(id) + "?hasil=diambil", take.Headers.Location?.OriginalString);
        }

        page = await worker.PageAsync(Page(id) + "?hasil=diambil");
        Assert.Contains("sekarang Anda tangani", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("label[for=reply-text]"));
        var before = OwnerReplies();
        using (var reply = await ReplyAsync(worker, page, id, "KUR adalah Kredit Usaha Rakyat."))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        Assert.Equal(before + 1, OwnerReplies());
        Assert.Equal("KUR adalah Kredit Usaha Rakyat.", ConsoleWorker.Replies(_folder, Owner)[^1]);
        page = await worker.PageAsync(Page(id));
        Assert.Contains(page.QuerySelectorAll(".transcript li.operator"), li => li.TextContent.Contains("KUR adalah Kredit Usaha Rakyat.", StringComparison.Ordinal));

        using (var back = await worker.SubmitAsync(page, Page(id) + "/handback"))
        {
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        }

        Assert.StartsWith("Petugas sudah selesai membantu.", ConsoleWorker.Replies(_folder, Owner)[^1], StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM handoffs WHERE closed_at IS NULL"));
        var audit = await worker.PageAsync(ConsolePaths.Audit);
        var rows = audit.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["handoff_handed_back", "handoff_reply_sent", "handoff_taken"], rows.Take(3).Select(r => r[2]));
        Assert.All(rows.Take(3), r => Assert.Equal(Me, r[1]));
        Assert.All(rows.Take(3), r => Assert.StartsWith($"#{id}", r[3], StringComparison.Ordinal));
        Assert.DoesNotContain("Kredit", rows[1][3], StringComparison.Ordinal); // what was written stays out of the log
        page = await worker.PageAsync(Page(id));
        Assert.Contains("sudah ditutup", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("textarea"));
    }

    [Fact]
    public async Task Forms_without_their_anti_forgery_token_are_refused_and_change_nothing()
    {
        await using var worker = await StartAsync();
        var id = await AskAsync(worker);
        await worker.SignInAsync(_folder);
        var page = await worker.PageAsync(Page(id));
        using (var take = await worker.SubmitAsync(page, Page(id) + "/take"))
        {
            Assert.Equal(HttpStatusCode.Redirect, take.StatusCode);
        }

        var audits = HandoffAudits();
        var replies = OwnerReplies();

        foreach (var action in new[] { "reply", "handback", "close" })
        {
            using var forged = await worker.PostAsync(Page(id) + "/" + action, [KeyValuePair.Create("Text", "tanpa token")]);
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal(audits, HandoffAudits());
        Assert.Equal(replies, OwnerReplies());
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM handoffs WHERE closed_at IS NULL"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM handoff_messages"));
    }

    [Fact]
    public async Task Taking_without_the_anti_forgery_token_is_refused()
    {
        await using var worker = await StartAsync();
        var id = await AskAsync(worker);
        await worker.SignInAsync(_folder);

        using var forged = await worker.PostAsync(Page(id) + "/take", []);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM handoffs WHERE taken_by IS NOT NULL"));
        Assert.Equal(0, HandoffAudits());
    }

    [Fact]
    public async Task Only_the_operator_who_has_a_request_may_reply_hand_back_or_close_it()
    {
        await using var worker = await StartAsync();
        var id = await AskAsync(worker);
        await AsOtherAsync(worker, (s, now) => s.Take(id, Other, now));
        await worker.SignInAsync(_folder);
        var replies = OwnerReplies();

        var page = await worker.PageAsync(Page(id));

        Assert.Contains("Ditangani oleh " + Other, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("textarea"));
        Assert.DoesNotContain(page.Forms, f => f.GetAttribute("action")!.StartsWith(Page(id), StringComparison.Ordinal));
        using (var take = await worker.PostAsync(Page(id) + "/take", [KeyValuePair.Create(ConsoleWeb.AntiforgeryFieldName, Token(page))]))
        {
            Assert.Equal(HttpStatusCode.Conflict, take.StatusCode);
        }

        using (var reply = await ReplyAsync(worker, page, id, "Saya juga bisa bantu"))
        {
            Assert.Equal(HttpStatusCode.Conflict, reply.StatusCode);
            Assert.Contains("ditangani oleh " + Other, await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var action in new[] { "handback", "close" })
        {
            using var refused = await worker.PostAsync(Page(id) + "/" + action, [KeyValuePair.Create(ConsoleWeb.AntiforgeryFieldName, Token(page))]);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        Assert.Equal(replies, OwnerReplies());
        Assert.Equal(0, HandoffAudits());
        Assert.Equal(Other, Sql.Text(_folder.DatabasePath, $"SELECT taken_by FROM handoffs WHERE id = {id} AND closed_at IS NULL"));
    }

    [Fact]
    public async Task A_reply_before_taking_the_request_or_an_empty_one_is_refused()
    {
        await using var worker = await StartAsync();
        var id = await AskAsync(worker);
        await worker.SignInAsync(_folder);
        var page = await worker.PageAsync(Page(id));
        var replies = OwnerReplies();

        using (var untaken = await ReplyAsync(worker, page, id, "Halo"))
        {
            Assert.Equal(HttpStatusCode.Conflict, untaken.StatusCode);
            Assert.Contains("Ambil permintaan ini dulu", await untaken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var take = await worker.SubmitAsync(page, Page(id) + "/take"))
        {
            Assert.Equal(HttpStatusCode.Redirect, take.StatusCode);
        }

        using (var empty = await ReplyAsync(worker, page, id, "   "))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("Tulis balasan dulu", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(replies, OwnerReplies());
        Assert.Equal("handoff_taken", Sql.Text(_folder.DatabasePath, "SELECT group_concat(action) FROM console_audit WHERE action LIKE 'handoff_%'"));
    }

    [Fact]
    public async Task An_operator_closes_a_request_nobody_took_and_the_owner_is_told()
    {
        await using var worker = await StartAsync();
        var id = await AskAsync(worker);
        await worker.SignInAsync(_folder);
        var page = await worker.PageAsync(Page(id));

        using (var close = await worker.SubmitAsync(page, Page(id) + "/close"))
        {
            Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        }

        Assert.StartsWith("Permintaan Anda untuk bicara dengan petugas sudah ditutup.", ConsoleWorker.Replies(_folder, Owner)[^1], StringComparison.Ordinal);
        Assert.Equal($"handoff_closed|{Me}|#{id}", Sql.Text(_folder.DatabasePath, "SELECT action || '|' || operator || '|' || detail FROM console_audit WHERE action LIKE 'handoff_%'"));
        var inbox = await worker.PageAsync(ConsolePaths.Handoff);
        Assert.Empty(inbox.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task A_requests_page_shows_the_owners_profile_with_personal_data_masked_and_their_transcripts()
    {
        await using var worker = await StartAsync();
        var id = await AskAsync(worker);
        var user = Sql.Count(_folder.DatabasePath, $"SELECT user_id FROM handoffs WHERE id = {id}");
        Sql.Execute(_folder.DatabasePath, $"""
            INSERT INTO profile_values (user_id, key, value, updated_at) VALUES
                ({user}, 'name', 't:Siti Aminah', 0), ({user}, 'nik', 't:3171234567890001', 0),
                ({user}, 'phone', 't:+6281234567890', 0), ({user}, 'province', 't:Jawa Barat', 0)
            """);
        await SendAsync(worker, Owner.ToString(System.Globalization.CultureInfo.InvariantCulture), "<script>alert(1)</script>");
        await worker.SignInAsync(_folder);

        var page = await worker.PageAsync(Page(id));

        var text = page.Body!.TextContent;
        Assert.Contains("Siti Aminah", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3171********0001", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3171234567890001", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("+6281234567890", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("Jawa Barat", text, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", page.QuerySelector(".transcript")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main script"));
        using var missing = await worker.GetAsync(Page(id + 100));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task On_whatsapp_the_page_warns_before_the_24_hour_window_closes_and_refuses_a_reply_after()
    {
        await using var worker = await StartAsync();
        const string phone = "6281234567890";
        var id = await AskAsync(worker, long.Parse(phone, System.Globalization.CultureInfo.InvariantCulture), "whatsapp");
        await worker.SignInAsync(_folder);
        using (var take = await worker.SubmitAsync(await worker.PageAsync(Page(id)), Page(id) + "/take"))
        {
            Assert.Equal(HttpStatusCode.Redirect, take.StatusCode);
        }

        worker.Clock.Advance(TimeSpan.FromHours(22));
        await worker.SignInAsync(_folder); // the session has expired meanwhile
        var soon = await worker.PageAsync(Page(id));
        Assert.Contains("Jendela 24 jam WhatsApp tutup pukul", soon.QuerySelector(".warn")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(soon.QuerySelector("textarea"));

        worker.Clock.Advance(TimeSpan.FromHours(2));
        var closed = await worker.PageAsync(Page(id));
        Assert.Contains("Jendela 24 jam WhatsApp sudah tutup", closed.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(closed.QuerySelectorAll("textarea"));
        var queued = Sql.Count(_folder.DatabasePath, $"SELECT COUNT(*) FROM outbox WHERE chat_id = '{phone}'");
        using (var refused = await ReplyAsync(worker, closed, id, "Halo?"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        Assert.Equal(queued, Sql.Count(_folder.DatabasePath, $"SELECT COUNT(*) FROM outbox WHERE chat_id = '{phone}'"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action = 'handoff_reply_sent'"));
    }
}
