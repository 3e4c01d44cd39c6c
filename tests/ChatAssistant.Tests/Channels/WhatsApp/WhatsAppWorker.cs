using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Hosting;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// The real worker (the default verb's host) with WhatsApp enabled, its webhook on 127.0.0.1 at a free port, sending to
/// its own stand-in Cloud API (<see cref="Api"/>) unless the test names another <c>WhatsApp:ApiBaseUrl</c>.
/// </summary>
internal sealed class WhatsAppWorker : IAsyncDisposable
{
    public const string AccessToken = "EAAJB3test0token0for0the0webhook0tests";
    public const string AppSecret = "9f2c1e5b7a0d4c3e8f6a1b2c3d4e5f60";
    public const string VerifyToken = "kata-rahasia-verifikasi";

    private readonly IHost _host;

    private WhatsAppWorker(IHost host, Uri webhook, FakeCloudApi api)
    {
        _host = host;
        Webhook = webhook;
        Api = api;
    }

    /// <summary>The stand-in Cloud API the worker sends to (and probes).</summary>
    public FakeCloudApi Api { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The webhook's address, e.g. http://127.0.0.1:41234/webhooks/whatsapp.</summary>
    public Uri Webhook { get; }

    public static Dictionary<string, string?> Settings(TempFolder folder) => new()
    {
        ["WhatsApp:AccessToken"] = AccessToken,
        ["WhatsApp:PhoneNumberId"] = WhatsAppPayloads.PhoneNumberId,
        ["WhatsApp:AppSecret"] = AppSecret,
        ["WhatsApp:VerifyToken"] = VerifyToken,
        ["WhatsApp:ListenUrl"] = "http://127.0.0.1:0",
        ["Storage:Path"] = folder.DatabasePath,
        ["Dialogs:Path"] = Path.Combine(folder.Path, "dialogs"),
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static async Task<WhatsAppWorker> StartAsync(TempFolder folder, IReadOnlyDictionary<string, string?>? extra = null)
    {
        folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        var api = await FakeCloudApi.StartAsync(WhatsAppPayloads.PhoneNumberId, AccessToken);
        var settings = Settings(folder);
        settings["WhatsApp:ApiBaseUrl"] = api.ApiBaseUrl;
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        try
        {
            var host = WorkerHost.Build(settings, out _);
            await host.StartAsync();
            var address = host.Services.GetRequiredService<WhatsAppWebhook>().Addresses.Single();
            return new WhatsAppWorker(host, new Uri(address.TrimEnd('/') + WhatsAppWebhook.Path), api);
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Api.DisposeAsync();
    }
}
