using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// The worker as a real process with WhatsApp enabled, talking to the stand-in Cloud API, its webhook on a fixed
/// port of 127.0.0.1 (so a restarted worker is found at the same address, as Meta's callback URL does not change).
/// Started, it is ready once it answers Meta's verification handshake; the stand-in then posts its webhooks there.
/// </summary>
internal sealed class WhatsAppProcess : IAsyncDisposable
{
    public const string AccessToken = "EAAJB3process0test0token";
    public const string AppSecret = "4b7e1f0c9a2d8e6b5c3a1f0e9d8c7b6a";
    public const string VerifyToken = "verifikasi-proses-uji";

    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _log;

    private WhatsAppProcess(Process process, StringBuilder log, Uri webhook)
    {
        Process = process;
        _log = log;
        Webhook = webhook;
    }

    public Process Process { get; }

    /// <summary>http://127.0.0.1:{port}/webhooks/whatsapp.</summary>
    public Uri Webhook { get; }

    /// <summary>What the worker wrote to its standard output and error so far.</summary>
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

    /// <summary>
    /// The environment of a worker on WhatsApp only, against <paramref name="api"/>, listening on
    /// <paramref name="port"/>, with its database and the given dialogs; callers add the settings their test is about.
    /// </summary>
    public static Dictionary<string, string> Environment(FakeCloudApi api, TempFolder folder, int port, string dialogs) => new()
    {
        ["WhatsApp__AccessToken"] = api.AccessToken,
        ["WhatsApp__PhoneNumberId"] = api.PhoneNumberId,
        ["WhatsApp__AppSecret"] = AppSecret,
        ["WhatsApp__VerifyToken"] = VerifyToken,
        ["WhatsApp__ApiBaseUrl"] = api.ApiBaseUrl,
        ["WhatsApp__ListenUrl"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
        ["Storage__Path"] = folder.DatabasePath,
        ["Dialogs__Path"] = dialogs,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__Console__FormatterName"] = "simple",
    };

    /// <summary>Starts the worker and waits for its webhook to answer the handshake; connects the stand-in's webhooks to it.</summary>
    public static async Task<WhatsAppProcess> StartAsync(FakeCloudApi api, IReadOnlyDictionary<string, string> environment)
    {
        var listen = new Uri(environment["WhatsApp__ListenUrl"]);
        var webhook = new Uri(listen, "/webhooks/whatsapp");
        var log = new StringBuilder();
        var process = AssistantProcess.StartLogged(environment, log);
        var worker = new WhatsAppProcess(process, log, webhook);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow + StartPatience;
            while (await worker.HandshakeAsync(http, VerifyToken, "ready") != HttpStatusCode.OK)
            {
                if (process.HasExited)
                {
                    await process.WaitForExitAsync();
                    throw new InvalidOperationException($"The worker exited with {process.ExitCode} before its webhook answered: {worker.Log}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The worker's webhook did not answer within {StartPatience.TotalSeconds:0} s: {worker.Log}");
                }

                await Task.Delay(50);
            }
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }

        api.ConnectWebhook(webhook, AppSecret);
        return worker;
    }

    /// <summary>Meta's verification GET; null when nothing listens yet.</summary>
    public async Task<HttpStatusCode?> HandshakeAsync(HttpClient http, string verifyToken, string challenge)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Webhook + "?hub.mode=subscribe&hub.challenge=" + Uri.EscapeDataString(challenge) + "&hub.verify_token=" + Uri.EscapeDataString(verifyToken)));
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Kills the worker at once, as a power cut or <c>kill -9</c> would, and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Process.Dispose();
    }
}
