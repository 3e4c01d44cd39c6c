using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAssistant.Tests.Browser;

/// <summary>
/// Signing in to the console in headless Chromium the way an operator does: /masuk to the bot (the worker is a real
/// process on the stand-in Telegram server), the link from the bot's reply opened in the browser, one tap; then the
/// pages, the audit log that recorded it, and signing out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleSignInE2eTests(HeadlessChromium chromium) : ConsoleE2eTest
{
    [Fact]
    public async Task An_operator_signs_in_through_the_link_the_bot_sent_sees_it_in_the_audit_log_and_signs_out()
    {
        var link = await Stand.SignInLinkAsync();
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(link);
        await Screenshots.SaveAsync(page, nameof(ConsoleSignInE2eTests), "01-sign-in-link");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = StartsWithMasuk() }).ClickAsync();

        await NavigatedAsync(page, Stand.BaseUrl + "/console");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = StartsWithKeluar() })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, nameof(ConsoleSignInE2eTests), "02-home");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = Audit() }).First.ClickAsync();
        await NavigatedAsync(page, Stand.BaseUrl + "/console/audit");
        var signedIn = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "signed_in" });
        await Expect(signedIn).ToHaveCountAsync(1);
        await Expect(signedIn).ToContainTextAsync(ConsoleStand.OperatorId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, nameof(ConsoleSignInE2eTests), "03-audit");

        // A copy of the session cookie (someone who took it from this browser) works while the session lasts...
        var copy = await chromium.NewPageAsync();
        var cookies = await page.Context.CookiesAsync();
        await copy.Context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        Assert.Equal(200, await StatusAsync(copy, "/console"));

        await page.GetByRole(AriaRole.Button, new() { NameRegex = StartsWithKeluar() }).ClickAsync();
        await Expect(page.GetByText("/masuk").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, nameof(ConsoleSignInE2eTests), "04-signed-out");

        // Signed out, the console is not there for this browser any more.
        Assert.Equal(404, await StatusAsync(page, "/console"));

        // ...and not after signing out: the session ended on the server, not only in this browser.
        Assert.Equal(404, await StatusAsync(copy, "/console"));
        await copy.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_sign_in_link_works_once_and_without_a_session_the_console_is_404()
    {
        var stranger = await chromium.NewPageAsync();
        Assert.Equal(404, await StatusAsync(stranger, "/console"));
        Assert.Equal(404, await StatusAsync(stranger, "/console/audit"));

        var link = await Stand.SignInLinkAsync();
        var first = await chromium.NewPageAsync();
        await first.GotoAsync(link);
        await first.GetByRole(AriaRole.Button, new() { NameRegex = StartsWithMasuk() }).ClickAsync();
        await NavigatedAsync(first, Stand.BaseUrl + "/console");

        // The same link in another browser (someone who saw it over the operator's shoulder) signs nobody in.
        await stranger.GotoAsync(link);
        var refused = await stranger.RunAndWaitForResponseAsync(
            () => stranger.GetByRole(AriaRole.Button, new() { NameRegex = StartsWithMasuk() }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(404, refused.Status);
        await Screenshots.SaveAsync(stranger, nameof(ConsoleSignInE2eTests), "05-link-used");
        Assert.Equal(404, await StatusAsync(stranger, "/console"));
        Assert.Equal(200, await StatusAsync(first, "/console"));

        await first.Context.CloseAsync();
        await stranger.Context.CloseAsync();
    }

    /// <summary>
    /// The status of a GET with the browser context's cookies. (Navigating to an empty 404 makes Chromium show its own
    /// error page and Playwright throw, so the status is read with the context's request client instead.)
    /// </summary>
    private async Task<int> StatusAsync(IPage page, string path)
    {
        var response = await page.Context.APIRequest.GetAsync(Stand.BaseUrl + path, new() { MaxRedirects = 0 });
        return response.Status;
    }

    [GeneratedRegex("^Masuk")]
    private static partial Regex StartsWithMasuk();

    [GeneratedRegex("^Keluar")]
    private static partial Regex StartsWithKeluar();

    [GeneratedRegex("audit", RegexOptions.IgnoreCase)]
    private static partial Regex Audit();
}
