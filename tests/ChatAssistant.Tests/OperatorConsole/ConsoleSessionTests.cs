using System.Net;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// Console sessions are kept on the server too: a cookie kept after signing out, or held by someone no longer an
/// operator, opens nothing; sign-in links past their time do not pile up.
/// </summary>
public sealed class ConsoleSessionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_cookie_kept_after_signing_out_opens_nothing()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);
        var copied = new Dictionary<string, string>(worker.Cookies, StringComparer.Ordinal);
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_sessions WHERE ended_at IS NULL"));

        var home = await worker.PageAsync(ConsolePaths.Root);
        using (var signOut = await worker.SubmitAsync(home, ConsolePaths.SignOut))
        {
            Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        }

        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_sessions WHERE ended_at IS NULL"));
        worker.UseCookies(copied); // someone who copied the cookie before the sign-out
        using var replayed = await worker.GetAsync(ConsolePaths.Root);
        Assert.Equal(HttpStatusCode.NotFound, replayed.StatusCode);
        using var audit = await worker.GetAsync(ConsolePaths.Audit);
        Assert.Equal(HttpStatusCode.NotFound, audit.StatusCode);
    }

    [Fact]
    public async Task An_operator_taken_out_of_the_configuration_loses_the_session_at_the_next_request()
    {
        Dictionary<string, string> cookies;
        await using (var first = await ConsoleWorker.StartAsync(_folder))
        {
            await first.SignInAsync(_folder);
            cookies = new Dictionary<string, string>(first.Cookies, StringComparer.Ordinal);
        }

        // The deployment restarts with another operator in place of this one.
        await using var second = await ConsoleWorker.StartAsync(_folder, new Dictionary<string, string?> { ["Operators:TelegramUserIds:0"] = "777" });
        second.UseCookies(cookies);

        using var response = await second.GetAsync(ConsolePaths.Root);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_sessions WHERE ended_at IS NULL"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action <> 'signed_in'"));
    }

    [Fact]
    public async Task Links_past_their_time_are_deleted_when_the_next_one_is_issued()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        _ = await worker.SignInLinkAsync(_folder);
        _ = await worker.SignInLinkAsync(_folder);
        Assert.Equal(2, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_links"));

        worker.Clock.Advance(TimeSpan.FromMinutes(11));
        var fresh = await worker.SignInLinkAsync(_folder);

        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_links"));
        using var response = await worker.OpenLinkAsync(fresh);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
