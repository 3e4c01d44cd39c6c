using System.Net;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Channels.WhatsApp;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>Where the console is served: on the web host of the webhooks when they share its address, and on one of its own when Telegram polls.</summary>
public sealed class ConsoleHostingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    private static Dictionary<string, string?> Console(string listenUrl) => new()
    {
        ["Console:Enabled"] = "true",
        ["Console:PublicUrl"] = "https://konsol.test",
        ["Console:ListenUrl"] = listenUrl,
    };

    [Fact]
    public async Task The_console_is_served_while_Telegram_polls_and_no_webhook_listens()
    {
        await using var botApi = await FakeBotApi.StartAsync(TelegramWorker.Token);
        _folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        await using var worker = await TelegramWorker.StartAsync(botApi, _folder, Path.Combine(_folder.Path, "dialogs"), Console("http://127.0.0.1:0"));
        var address = worker.Services.GetRequiredService<ConsoleWeb>().Addresses.Single().TrimEnd('/');

        using var signIn = await _http.GetAsync(new Uri(address + ConsolePaths.SignIn + "/any-link"));
        using var home = await _http.GetAsync(new Uri(address + ConsolePaths.Root));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, home.StatusCode);
    }

    [Fact]
    public async Task The_console_shares_the_port_of_the_WhatsApp_webhook_at_the_same_listen_url()
    {
        await using var worker = await WhatsAppWorker.StartAsync(_folder, Console("http://127.0.0.1:0"));

        var console = worker.Services.GetRequiredService<ConsoleWeb>().Addresses;
        Assert.Equal(worker.Services.GetRequiredService<WhatsAppWebhook>().Addresses, console);
        using var signIn = await _http.GetAsync(new Uri(console.Single().TrimEnd('/') + ConsolePaths.SignIn + "/any-link"));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Without_a_listen_url_of_its_own_the_console_listens_where_the_WhatsApp_webhook_does()
    {
        var settings = Console("unused");
        settings.Remove("Console:ListenUrl");
        await using var worker = await WhatsAppWorker.StartAsync(_folder, settings);

        Assert.Equal(worker.Services.GetRequiredService<WhatsAppWebhook>().Addresses, worker.Services.GetRequiredService<ConsoleWeb>().Addresses);
    }
}
