using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAssistant.Tests.Browser;

/// <summary>
/// Every area in the console's menu, opened in headless Chromium by a signed-in operator, on a desktop screen and on a
/// phone's: each page answers, has its heading, loads its scripts without an error in the browser, and fits the
/// phone's width; a screenshot of each is kept. The menu is read from the page, so an area added later is covered too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsolePagesE2eTests(HeadlessChromium chromium) : ConsoleE2eTest
{
    [Fact]
    public async Task Every_page_in_the_menu_opens_on_a_desktop_and_fits_a_phone()
    {
        // Some owners, so the pages have something to show.
        await Stand.OwnersWriteAsync("/bantuan", "id", 5_001, 5_002);
        await Stand.OwnersWriteAsync("/help", "en", 5_003);
        SeedClosedReminders();

        var desktop = await Stand.SignInAsync(chromium);
        var phone = await Stand.SignInAsync(chromium, phone: true);
        var menu = desktop.GetByRole(AriaRole.Navigation, new() { Name = "Konsol", Exact = true }).GetByRole(AriaRole.Link);
        var links = new List<(string Name, string Href)>();
        foreach (var link in await menu.AllAsync())
        {
            links.Add(((await link.InnerTextAsync()).Trim(), (await link.GetAttributeAsync("href"))!));
        }

        Assert.True(links.Count >= 6, "the menu has " + string.Join(", ", links.Select(l => l.Name)));
        foreach (var (name, href) in links)
        {
            var step = href == "/console" ? "beranda" : href["/console/".Length..].Replace('/', '-');
            await OpenAsync(desktop, href, name, step);
            await OpenAsync(phone, href, name, step + "-phone");
            var widths = await phone.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= widths[1], $"{href} is {widths[0]} px wide on a {widths[1]} px phone screen.");
        }

        // The dashboard's reminders card, with the counts of the reminders seeded (closed ones: the worker's scheduler leaves them be).
        await desktop.GotoAsync(Stand.BaseUrl + "/console");
        var reminders = desktop.GetByRole(AriaRole.Region, new() { Name = "Pengingat (reminders)" });
        await Expect(reminders).ToBeVisibleAsync();
        await Expect(reminders.Locator("dd[data-count=sent]")).ToHaveTextAsync("1");
        await Expect(reminders.Locator("dd[data-count=skipped]")).ToHaveTextAsync("1");
        await Expect(reminders.Locator("#pengingat-per-jenis tbody tr")).ToHaveCountAsync(6);
        await Expect(reminders.Locator("tr[data-kind=unfinished] td").Nth(2)).ToHaveTextAsync("1");

        // The pages one level down: a programme's registrations and a dialog, whose flow Mermaid draws in the browser.
        foreach (var (list, name) in new[] { ("/console/pendaftaran", "Pendaftaran"), ("/console/dialog", "Dialog") })
        {
            await desktop.GotoAsync(Stand.BaseUrl + list);
            var first = await desktop.EvaluateAsync<string?>(
                "prefix => Array.from(document.querySelectorAll('main a')).map(a => a.getAttribute('href')).find(h => h && h.startsWith(prefix)) ?? null",
                list + "/");
            Assert.False(first is null, $"{list} lists nothing to open.");
            var step = first![("/console/".Length)..].Replace('/', '-');
            await OpenAsync(desktop, first, name, step);
            await OpenAsync(phone, first, name, step + "-phone");
            var widths = await phone.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= widths[1], $"{first} is {widths[0]} px wide on a {widths[1]} px phone screen.");
        }

        var flow = desktop.Locator("pre.mermaid svg");
        await Expect(flow).ToBeVisibleAsync(); // drawn by the vendored Mermaid, not shown as its text
        Assert.True(await desktop.Locator("pre.mermaid svg g.node").CountAsync() > 1, "the flow graph has no steps drawn");
        await Screenshots.SaveAsync(desktop, nameof(ConsolePagesE2eTests), "dialog-flow");

        await desktop.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    /// <summary>A sent export recheck and an unfinished nudge skipped as opted out, for an owner of their own.</summary>
    private void SeedClosedReminders() => Support.Sql.Execute(Stand.Folder.DatabasePath, """
        INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('telegram', '777000111', 'id', 0, 0);
        INSERT INTO reminders (user_id, kind, subject, due_at, state, reason, created_at, updated_at)
        SELECT id, 'export_recheck', 'x-1', 0, 'sent', NULL, 0, 0 FROM users WHERE chat_id = '777000111';
        INSERT INTO reminders (user_id, kind, subject, due_at, state, reason, created_at, updated_at)
        SELECT id, 'unfinished', 'c-1', 0, 'skipped', 'opted_out', 0, 0 FROM users WHERE chat_id = '777000111';
        """);

    private async Task OpenAsync(IPage page, string href, string name, string step)
    {
        var errors = new List<string>();
        void OnError(object? sender, string error) => errors.Add(error);
        void OnConsole(object? sender, IConsoleMessage message)
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        }

        // Asked first with the context's cookies: Chromium turns an empty 404 into a navigation error without the status.
        var status = (await page.Context.APIRequest.GetAsync(Stand.BaseUrl + href, new() { MaxRedirects = 0 })).Status;
        Assert.True(status == 200, $"{name} ({href}) answered {status}.");
        page.PageError += OnError;
        page.Console += OnConsole;
        await page.GotoAsync(Stand.BaseUrl + href, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, nameof(ConsolePagesE2eTests), step);
        page.PageError -= OnError;
        page.Console -= OnConsole;
        Assert.True(errors.Count == 0, $"{name} ({href}) had errors in the browser: " + string.Join(" | ", errors));
    }
}
