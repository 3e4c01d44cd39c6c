using Microsoft.Playwright;

namespace ChatAssistant.Tests.Browser;

/// <summary>
/// One headless Chromium for all browser tests (the <see cref="BrowserCollection"/> fixture): starting the browser costs
/// seconds, a new context per test (<see cref="NewPageAsync"/>) costs milliseconds and keeps cookies apart. The browser is Debian's <c>chromium</c>
/// (which <c>.ci/run</c> installs when missing), driven by Playwright through <c>ExecutablePath</c>: Playwright's own
/// browser download (<c>playwright.ps1 install</c>) is never run, as this machine's closed network would refuse it.
/// Without Chromium the fixture throws, so every browser test fails with how to get it instead of passing unseen.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    /// <summary>Names a Chromium or Chrome binary to use instead of the ones looked for.</summary>
    public const string ExecutableVariable = "CHATASSISTANT_CHROMIUM";

    // Generous: two shared cores and several helpers building at once; a step that fails still fails in seconds.
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium binary this fixture started.</summary>
    public string ExecutablePath { get; private set; } = string.Empty;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        ExecutablePath = FindChromium();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = (float)TimeSpan.FromSeconds(60).TotalMilliseconds,
            // Playwright already passes --no-sandbox (root in CI), --disable-background-networking,
            // --disable-component-update and --disable-sync; these keep Chromium off the closed network and off the
            // small /dev/shm of a container.
            Args = ["--disable-gpu", "--disable-quic", "--disable-dev-shm-usage", "--no-first-run"],
        });
    }

    /// <summary>A page in a fresh context (its own cookies and storage); desktop size unless <paramref name="phone"/>.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            // The console must work on an operator's phone; a 390 px wide viewport is a common one.
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
        });
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)StepTimeout.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static string FindChromium()
    {
        var named = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return File.Exists(named)
                ? named
                : throw new InvalidOperationException($"{ExecutableVariable}={named} names no file. Point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium.");
        }

        string[] candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "The browser tests need Chromium and found none at " + string.Join(", ", candidates) + ". "
                + ".ci/run installs Debian's package when it is missing; to run these tests locally, install it the same way "
                + "(sudo apt-get install -y --no-install-recommends chromium) or set " + ExecutableVariable
                + " to a Chromium or Chrome binary. Playwright's own browser download is not used.");
    }
}
