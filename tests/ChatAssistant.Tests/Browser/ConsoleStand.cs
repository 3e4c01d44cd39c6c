using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Microsoft.Playwright;

namespace ChatAssistant.Tests.Browser;

/// <summary>
/// What the console's end-to-end tests run against: the worker as its own process (the shipped dialogs, its own
/// temp database), on Telegram through the stand-in Bot API server, with the console and handoff on. The console
/// listens on 127.0.0.1 at a free port and is also its public address, so the /masuk link the bot sends is one the
/// headless browser can open (plain http on this machine: the session cookie is not Secure there, as in production
/// behind HTTPS it is). Working hours cover the whole week and quiet hours are off, so a run at any hour behaves the
/// same. The test kills the process when it disposes the stand.
/// </summary>
internal sealed partial class ConsoleStand : IAsyncDisposable
{
    /// <summary>The operator's Telegram user id (Operators:TelegramUserIds).</summary>
    public const long OperatorId = 424_242;

    // Generous: the worker starts in a few seconds alone, but the machine is two cores shared with other builds.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _log;

    private ConsoleStand(TempFolder folder, FakeBotApi telegram, Process process, StringBuilder log, string baseUrl)
    {
        Folder = folder;
        Telegram = telegram;
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
    }

    public TempFolder Folder { get; }

    /// <summary>The stand-in Telegram server: owners write through it, and what the bot sends is recorded there.</summary>
    public FakeBotApi Telegram { get; }

    /// <summary>http://127.0.0.1:{port}, the console's public address, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>What the worker wrote to stdout and stderr so far, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ConsoleStand> StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        // Expect(...) waits 5 s by default; pages that wait on the worker (another process on busy cores) get longer.
        Assertions.SetDefaultExpectTimeout((float)TimeSpan.FromSeconds(20).TotalMilliseconds);
        var folder = new TempFolder();
        var telegram = await FakeBotApi.StartAsync(TelegramWorker.Token);
        var baseUrl = "http://127.0.0.1:" + AssistantProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = TelegramWorker.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram__PollTimeout"] = "00:00:01",
            ["Telegram__PerChatInterval"] = "00:00:00.020",
            ["Storage__Path"] = folder.DatabasePath,
            ["Dialogs__Path"] = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs"),
            ["Dialogs__Watch"] = "false",
            ["Operators__TelegramUserIds__0"] = OperatorId.ToString(CultureInfo.InvariantCulture),
            ["Console__Enabled"] = "true",
            ["Console__PublicUrl"] = baseUrl,
            ["Console__ListenUrl"] = baseUrl,
            ["Handoff__Enabled"] = "true",
            ["Broadcasts__QuietHoursStart"] = "00:00:00",
            ["Broadcasts__QuietHoursEnd"] = "00:00:00",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var days = Enum.GetNames<DayOfWeek>();
        for (var i = 0; i < days.Length; i++)
        {
            environment["Handoff__WorkingDays__" + i.ToString(CultureInfo.InvariantCulture)] = days[i];
        }

        environment["Handoff__OpensAt"] = "00:00:00";
        environment["Handoff__ClosesAt"] = "23:59:59";
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var log = new StringBuilder();
        var process = AssistantProcess.StartLogged(environment, log);
        var stand = new ConsoleStand(folder, telegram, process, log, baseUrl);
        try
        {
            await stand.WaitForConsoleAsync();
        }
        catch
        {
            await stand.DisposeAsync();
            throw;
        }

        return stand;
    }

    /// <summary>
    /// The operator sends /masuk to the bot at the stand-in server, the test reads the link from the bot's reply there,
    /// opens it in a fresh browser context and taps the sign-in button: a page signed in to the console's home.
    /// </summary>
    public async Task<IPage> SignInAsync(HeadlessChromium chromium, bool phone = false)
    {
        var link = await SignInLinkAsync();
        var page = await chromium.NewPageAsync(phone);
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = SignInButton() }).ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/console", new() { Timeout = (float)Patience.TotalMilliseconds });
        return page;
    }

    /// <summary>Asks the bot for a sign-in link as the operator, and reads it off the message the stand-in recorded.</summary>
    public async Task<string> SignInLinkAsync()
    {
        var before = Telegram.Sent.Count(m => m.ChatId == OperatorId);
        Telegram.EnqueueText(OperatorId, "/masuk", languageCode: "id", firstName: "Operator");
        var sent = await WaitAsync(() => Telegram.Sent.Where(m => m.ChatId == OperatorId).Skip(before).FirstOrDefault(m => LinkPattern().IsMatch(m.VisibleText)),
            "the bot's reply to /masuk with a link");
        var link = LinkPattern().Match(sent.VisibleText).Value;
        Assert.StartsWith(BaseUrl + "/console/masuk/", link, StringComparison.Ordinal);
        return link;
    }

    /// <summary>
    /// Owners write <paramref name="text"/> to the bot from Telegram set to <paramref name="language"/>; completes when
    /// the bot has answered each of them at the stand-in, so the worker knows them (and their language) from then on.
    /// </summary>
    public async Task OwnersWriteAsync(string text, string language, params long[] chats)
    {
        var before = chats.ToDictionary(chat => chat, chat => Telegram.Sent.Count(m => m.ChatId == chat));
        foreach (var chat in chats)
        {
            Telegram.EnqueueText(chat, text, languageCode: language, firstName: "Pemilik " + chat.ToString(CultureInfo.InvariantCulture));
        }

        await WaitUntilAsync(() => chats.All(chat => Telegram.Sent.Count(m => m.ChatId == chat) > before[chat]), $"the bot's answers to {text} from {chats.Length} owners");
    }

    /// <summary>Waits for <paramref name="probe"/> to return something, polling (the worker is another process); fails with the worker's log.</summary>
    public async Task<T> WaitAsync<T>(Func<T?> probe, string what)
        where T : class
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            if (_process.HasExited)
            {
                Assert.Fail($"The worker exited ({_process.ExitCode}) while waiting for {what}.\n{Log}");
            }

            if (started.Elapsed > Patience)
            {
                Assert.Fail($"No {what} within {Patience}. Worker log:\n{Log}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public Task WaitUntilAsync(Func<bool> condition, string what) => WaitAsync(() => condition() ? string.Empty : null, what);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            await Telegram.DisposeAsync();
            Folder.Dispose();
        }
    }

    /// <summary>Until the console answers: any HTTP status (404 without a session) means the web host is up.</summary>
    private async Task WaitForConsoleAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/console"));
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (_process.HasExited)
            {
                Assert.Fail($"The worker exited ({_process.ExitCode}) before the console answered.\n{Log}");
            }

            if (started.Elapsed > Patience)
            {
                Assert.Fail($"The console did not answer at {BaseUrl} within {Patience}. Worker log:\n{Log}");
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/console/masuk/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("^Masuk")]
    private static partial Regex SignInButton();
}
