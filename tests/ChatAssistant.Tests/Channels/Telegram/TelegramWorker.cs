using ChatAssistant.Hosting;
using ChatAssistant.Shared;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>The real worker (the default verb's host) on Telegram, pointed at the test Bot API server.</summary>
internal sealed class TelegramWorker : IAsyncDisposable
{
    public const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq";

    private readonly IHost _host;

    private TelegramWorker(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// The environment of a worker run as a process against <paramref name="api"/>, with the notes dialog in the
    /// folder's dialogs; callers add or change the settings their test is about.
    /// </summary>
    public static Dictionary<string, string> ProcessEnvironment(FakeBotApi api, TempFolder folder, string perChatInterval = "00:00:00.020")
    {
        folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        return new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = Token,
            ["Telegram__ApiBaseUrl"] = api.BaseUrl,
            ["Telegram__PollTimeout"] = "00:00:01",
            ["Telegram__PerChatInterval"] = perChatInterval,
            ["Storage__Path"] = folder.DatabasePath,
            ["Dialogs__Path"] = Path.Combine(folder.Path, "dialogs"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    public static Dictionary<string, string?> Settings(FakeBotApi api, TempFolder folder, string dialogsFolder) => new()
    {
        ["Telegram:BotToken"] = Token,
        ["Telegram:ApiBaseUrl"] = api.BaseUrl,
        ["Telegram:PollTimeout"] = "00:00:01",
        ["Telegram:MaxMessagesPerSecond"] = "200",

        // Conversation tests need not wait a second between replies; the limits tests set the real pacing.
        ["Telegram:PerChatInterval"] = "00:00:00.020",
        ["Telegram:InitialBackoff"] = "00:00:00.100",
        ["Storage:Path"] = folder.DatabasePath,
        ["Dialogs:Path"] = dialogsFolder,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static async Task<TelegramWorker> StartAsync(FakeBotApi api, TempFolder folder, string dialogsFolder, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = Settings(api, folder, dialogsFolder);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = WorkerHost.Build(settings, out _);
        await host.StartAsync();
        return new TelegramWorker(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
