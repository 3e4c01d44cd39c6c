using System.Net;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The console's sign-in and first pages in the real worker over HTTP, read with an HTML parser: the /masuk link
/// works once and for ten minutes, sessions are cookies that expire, pages without one are not found, forms need
/// their anti-forgery token, and every operator action leaves an audit row.
/// </summary>
public sealed class ConsolePageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_operator_signs_in_with_the_link_from_masuk_and_the_link_works_only_once()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        var link = await worker.SignInLinkAsync(_folder);

        using (var signIn = await worker.OpenLinkAsync(link))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(ConsolePaths.Root, signIn.Headers.Location?.OriginalString);
            var session = Assert.Single(worker.LastSetCookies, c => c.StartsWith(ConsoleWeb.CookieName + "=", StringComparison.Ordinal));
            Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/console", session, StringComparison.OrdinalIgnoreCase);
        }

        var home = await worker.PageAsync(ConsolePaths.Root);
        Assert.Contains("telegram:" + ConsoleWorker.OperatorId, home.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, $"SELECT COUNT(*) FROM console_audit WHERE action = 'signed_in' AND operator = 'telegram:{ConsoleWorker.OperatorId}'"));

        // Only the link's hash is stored, and the link is spent: another browser opening it again gets nothing.
        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, $"SELECT COUNT(*) FROM console_links WHERE CAST(token_hash AS TEXT) LIKE '%{token}%'"));
        worker.ForgetCookies();
        using var again = await worker.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.False(worker.HasCookie(ConsoleWeb.CookieName));
        using var console = await worker.GetAsync(ConsolePaths.Root);
        Assert.Equal(HttpStatusCode.NotFound, console.StatusCode);
    }

    [Fact]
    public async Task A_link_is_refused_once_ten_minutes_have_passed()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        var link = await worker.SignInLinkAsync(_folder);
        Assert.Contains("10 menit", ConsoleWorker.Replies(_folder, ConsoleWorker.OperatorId)[^1], StringComparison.Ordinal);

        worker.Clock.Advance(TimeSpan.FromMinutes(10));
        using var late = await worker.OpenLinkAsync(link);

        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.False(worker.HasCookie(ConsoleWeb.CookieName));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit"));
    }

    [Fact]
    public async Task A_link_used_just_before_it_expires_signs_in()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        var link = await worker.SignInLinkAsync(_folder);

        worker.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        using var response = await worker.OpenLinkAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/audit")]
    [InlineData("/console/masuk-palsu")]
    [InlineData("/console/static/htmx.min.js")]
    [InlineData("/console/keluar")]
    public async Task Without_a_session_a_console_page_is_not_found(string path)
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);

        using var response = await worker.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_a_session_is_not_found()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);

        using var response = await worker.PostAsync(ConsolePaths.SignOut, []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit"));
    }

    [Fact]
    public async Task Someone_who_is_not_an_operator_gets_no_link_for_masuk()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);

        await worker.SendAsync(5555, "/masuk");

        Assert.DoesNotContain(ConsoleWorker.Replies(_folder, 5555), r => r.Contains("/console/", StringComparison.Ordinal));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_links"));
    }

    [Fact]
    public async Task Tapping_the_link_without_its_anti_forgery_token_is_refused_and_leaves_the_link_usable()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        var link = await worker.SignInLinkAsync(_folder);
        _ = await worker.PageAsync(link); // the antiforgery cookie is set, but the form's token is left out

        using var forged = await worker.PostAsync(link, []);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(worker.HasCookie(ConsoleWeb.CookieName));
        using var real = await worker.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_anti_forgery_token_is_refused_and_the_session_stays()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);

        using var forged = await worker.PostAsync(ConsolePaths.SignOut, []);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        _ = await worker.PageAsync(ConsolePaths.Root);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action = 'signed_out'"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_the_audit_page_lists_it()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);
        var home = await worker.PageAsync(ConsolePaths.Root);

        using (var signOut = await worker.SubmitAsync(home, ConsolePaths.SignOut))
        {
            Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        }

        Assert.False(worker.HasCookie(ConsoleWeb.CookieName));
        using (var after = await worker.GetAsync(ConsolePaths.Root))
        {
            Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        }

        await worker.SignInAsync(_folder);
        var audit = await worker.PageAsync(ConsolePaths.Audit);
        var rows = audit.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["signed_in", "signed_out", "signed_in"], rows.Select(r => r[2]));
        Assert.All(rows, r => Assert.Equal("telegram:" + ConsoleWorker.OperatorId, r[1]));
        Assert.Equal("2026-12-01T10:00:00+07:00", rows[0][0][..25]);
    }

    [Fact]
    public async Task A_session_unused_for_longer_than_its_lifetime_has_expired()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);

        worker.Clock.Advance(TimeSpan.FromHours(7));
        _ = await worker.PageAsync(ConsolePaths.Root); // used within its 8 hours: it slides on
        worker.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        using var expired = await worker.GetAsync(ConsolePaths.Root);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task A_session_survives_a_restart_because_its_keys_are_kept_beside_the_database()
    {
        Dictionary<string, string> cookies;
        await using (var first = await ConsoleWorker.StartAsync(_folder))
        {
            await first.SignInAsync(_folder);
            cookies = new Dictionary<string, string>(first.Cookies, StringComparer.Ordinal);
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder.Path, "console-keys"), "key-*.xml"));
        await using var second = await ConsoleWorker.StartAsync(_folder);
        second.UseCookies(cookies);

        var home = await second.PageAsync(ConsolePaths.Root);
        Assert.Contains("telegram:" + ConsoleWorker.OperatorId, home.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_shows_what_operators_typed_as_text_not_as_markup()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);
        var audit = worker.Services.GetRequiredService<AuditLog>();
        await audit.WriteAsync(new ConsoleOperator("telegram", "424242"), "broadcast_created", "<script>alert(1)</script>", CancellationToken.None);

        var page = await worker.PageAsync(ConsolePaths.Audit);

        // The only script is the console's own vendored one; what the operator typed is text in the table.
        var script = Assert.Single(page.QuerySelectorAll("script"));
        Assert.Equal(ConsolePaths.Static + "/htmx.min.js", script.GetAttribute("src"));
        Assert.Empty(page.QuerySelector("tbody")!.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", page.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_operator_gets_the_vendored_script_and_an_unknown_file_is_not_found()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);

        using var script = await worker.GetAsync(ConsolePaths.Static + "/htmx.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("htmx", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var missing = await worker.GetAsync(ConsolePaths.Static + "/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
