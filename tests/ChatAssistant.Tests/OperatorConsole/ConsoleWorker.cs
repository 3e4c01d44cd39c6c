using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ChatAssistant.Channels;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Hosting;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The real worker with the console on (and no chat channel: the web host runs for the console alone), on
/// 127.0.0.1 at a free port, on a fake clock; operators' messages go in through the channel inbox as Telegram's would.
/// A browser of its own keeps the cookies (by hand, since the console's are Secure behind https://konsol.test).
/// </summary>
internal sealed partial class ConsoleWorker : IAsyncDisposable
{
    public const string PublicUrl = "https://konsol.test";
    public const long OperatorId = 424242;

    private static readonly HtmlParser Parser = new();

    private readonly IHost _host;
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private int _messages;

    private ConsoleWorker(IHost host, Uri address, FakeTimeProvider clock)
    {
        _host = host;
        Clock = clock;
        _http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The Set-Cookie headers of the last response, as sent.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    /// <param name="folder">The database's folder.</param>
    /// <param name="settings">Settings over the defaults below (a null value removes one).</param>
    public static async Task<ConsoleWorker> StartAsync(TempFolder folder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Console:Enabled"] = "true",
            ["Console:PublicUrl"] = PublicUrl,
            ["Console:ListenUrl"] = "http://127.0.0.1:0",
            ["Operators:TelegramUserIds:0"] = OperatorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:Path"] = folder.DatabasePath,
            ["Dialogs:Path"] = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs"),
            ["Dialogs:Watch"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
        var host = WorkerHost.Build(all, out var channels, services => services.AddSingleton<TimeProvider>(clock));
        Assert.Empty(channels);
        await host.StartAsync();
        var address = host.Services.GetRequiredService<ConsoleWeb>().Addresses.Single();
        return new ConsoleWorker(host, new Uri(address), clock);
    }

    /// <summary>A Telegram user writes to the bot; completes when the message and its replies are committed.</summary>
    public Task SendAsync(long userId, string text) =>
        Services.GetRequiredService<IChannelInbox>().SubmitAsync(
            new InboundEnvelope("telegram", userId.ToString(System.Globalization.CultureInfo.InvariantCulture), "m" + Interlocked.Increment(ref _messages),
                InboundMessage.FromText(text), Clock.GetUtcNow()),
            CancellationToken.None);

    /// <summary>The replies queued for a Telegram user, oldest first.</summary>
    public static IReadOnlyList<string> Replies(TempFolder folder, long userId)
    {
        var all = Sql.Text(folder.DatabasePath, $"SELECT group_concat(text, char(30)) FROM (SELECT text FROM outbox WHERE chat_id = '{userId}' ORDER BY id)");
        return all is null ? [] : all.Split('\u001e');
    }

    /// <summary>The operator sends /masuk; the path of the link in the reply.</summary>
    public async Task<string> SignInLinkAsync(TempFolder folder)
    {
        await SendAsync(OperatorId, "/masuk");
        var reply = Replies(folder, OperatorId)[^1];
        var match = LinkPattern().Match(reply);
        Assert.True(match.Success, "no console link in the reply: " + reply);
        return match.Groups["path"].Value;
    }

    /// <summary>Opens the link and taps its button: the response to the tap.</summary>
    public async Task<HttpResponseMessage> OpenLinkAsync(string path)
    {
        var page = await PageAsync(path);
        return await SubmitAsync(page, path);
    }

    /// <summary>Signs the operator in end to end (the response must be the redirect to the console).</summary>
    public async Task SignInAsync(TempFolder folder)
    {
        using var response = await OpenLinkAsync(await SignInLinkAsync(folder));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>GETs a page that must be there, parsed.</summary>
    public async Task<IHtmlDocument> PageAsync(string path)
    {
        using var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}\n{html}");
        return await Parser.ParseDocumentAsync(html);
    }

    /// <summary>Submits the form of <paramref name="page"/> whose action is <paramref name="action"/>, with every field it has (the anti-forgery token too).</summary>
    public Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string action)
    {
        var form = page.Forms.SingleOrDefault(f => f.GetAttribute("action") == action)
            ?? throw new InvalidOperationException($"no form posting to {action} in:\n{page.DocumentElement.OuterHtml}");
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name is not null).Select(i => KeyValuePair.Create(i.Name!, i.Value));
        return PostAsync(action, fields);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    public bool HasCookie(string name) => _cookies.ContainsKey(name);

    public void ForgetCookies() => _cookies.Clear();

    /// <summary>The browser's cookies, to carry over to another worker on the same database.</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public void UseCookies(IReadOnlyDictionary<string, string> cookies)
    {
        foreach (var (name, value) in cookies)
        {
            _cookies[name] = value;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await _http.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? [.. set] : [];
        foreach (var cookie in LastSetCookies)
        {
            var pair = cookie.Split(';')[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = (pair[..equals], pair[(equals + 1)..]);
            if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }

        return response;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }

    [GeneratedRegex(@"https://konsol\.test(?<path>/console/masuk/[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
