using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace ChatAssistant.Tests.Browser;

/// <summary>
/// The browser harness itself, against a stand-in page served by a real Kestrel: a form like the console's
/// (server-rendered, no script) is filled and submitted in headless Chromium, and what the server answered is read
/// off the rendered page. The console's own end-to-end tests use the same fixture, site and screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserHarnessTests(HeadlessChromium chromium) : IAsyncLifetime
{
    private LoopbackSite? _site;

    private LoopbackSite Site => _site ?? throw new InvalidOperationException("The site has not started.");

    public async Task InitializeAsync() => _site = await LoopbackSite.StartAsync(MapStandInPages);

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_form_filled_and_submitted_in_headless_chromium_shows_the_servers_answer()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(Site.BaseUrl + "/");
        await page.GetByLabel("Nama").FillAsync("Siti <Aminah> & Budi");
        await page.GetByLabel("Bahasa").SelectOptionAsync("en");
        await Screenshots.SaveAsync(page, nameof(BrowserHarnessTests), "form-filled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim" }).ClickAsync();

        await page.WaitForURLAsync(Site.BaseUrl + "/daftar");
        // The markup-like name comes back as text, not markup: the server encoded it and the browser decoded it.
        Assert.Equal("Hello, Siti <Aminah> & Budi!", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        var shot = await Screenshots.SaveAsync(page, nameof(BrowserHarnessTests), "answer");
        AssertIsPng(shot);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_form_fits_a_phone_screen_without_sideways_scrolling()
    {
        var page = await chromium.NewPageAsync(phone: true);
        await page.GotoAsync(Site.BaseUrl + "/");

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide on a {widths[1]} px screen.");
        await page.GetByLabel("Nama").FillAsync("Wayan");
        // A click, not a tap: headless Chromium lost about one tap in five on this page (the post never left, 20 s timeout).
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim" }).ClickAsync();
        await page.WaitForURLAsync(Site.BaseUrl + "/daftar");
        Assert.Equal("Halo, Wayan!", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        AssertIsPng(await Screenshots.SaveAsync(page, nameof(BrowserHarnessTests), "answer-phone"));
        await page.Context.CloseAsync();
    }

    private static void AssertIsPng(string path)
    {
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} has only {bytes.Length} bytes.");
        Assert.Equal(signature, bytes[..8]);
    }

    // A stand-in for a console page until the console exists: a server-rendered form posted back without script.
    private static void MapStandInPages(WebApplication app)
    {
        app.MapGet("/", () => Results.Content(Page("""
            <h1>Pendaftaran</h1>
            <form method="post" action="/daftar">
              <label for="name">Nama</label>
              <input id="name" name="name" required>
              <label for="language">Bahasa</label>
              <select id="language" name="language">
                <option value="id">Bahasa Indonesia</option>
                <option value="en">English</option>
              </select>
              <button type="submit">Kirim</button>
            </form>
            """), "text/html; charset=utf-8"));
        app.MapPost("/daftar", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var greeting = form["language"] == "en" ? "Hello" : "Halo";
            var name = HtmlEncoder.Default.Encode(form["name"].ToString());
            return Results.Content(Page($"<h1>{greeting}, {name}!</h1>"), "text/html; charset=utf-8");
        });
    }

    private static string Page(string body) => $$"""
        <!doctype html>
        <html lang="id">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Konsol</title>
          <style>
            body { font-family: sans-serif; margin: 1rem; max-width: 40rem; }
            label, input, select, button { display: block; width: 100%; box-sizing: border-box; margin: .25rem 0 .75rem; }
          </style>
        </head>
        <body>
        {{body}}
        </body>
        </html>
        """;
}
