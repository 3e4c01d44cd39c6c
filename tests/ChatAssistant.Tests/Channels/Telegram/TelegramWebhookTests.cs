using System.Net;
using System.Net.Sockets;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.Telegram;

public sealed class TelegramWebhookTests : IAsyncLifetime
{
    private const string Secret = "s3cr3t-Token_for-tests";
    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(TelegramWorker Worker, string Url)> StartWebhookWorkerAsync()
    {
        _folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}/telegram/hook";
        var worker = await TelegramWorker.StartAsync(_api, _folder, Path.Combine(_folder.Path, "dialogs"), new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = url,
            ["Telegram:WebhookSecret"] = Secret,
            ["Telegram:ListenUrl"] = $"http://127.0.0.1:{port}",
        });
        return (worker, url);
    }

    [Fact]
    public async Task A_request_without_the_right_secret_is_refused_and_nothing_is_stored()
    {
        var (worker, url) = await StartWebhookWorkerAsync();
        await using var _ = worker;

        var wrong = await _api.PostToWebhookAsync(url, "not-the-secret", 801, "/catat");
        var missing = await _api.PostToWebhookAsync(url, null, 801, "/catat");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM users"));
    }

    [Fact]
    public async Task An_update_with_the_secret_is_committed_before_200_and_answered()
    {
        var (worker, url) = await StartWebhookWorkerAsync();
        await using var _ = worker;
        Assert.Equal(url, _api.WebhookUrl);
        Assert.Equal(Secret, _api.WebhookSecret);

        var response = await _api.PostToWebhookAsync(url, Secret, 802, "/catat");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));
        var reply = await _api.WaitForSentAsync(802, null, TimeSpan.FromSeconds(10));
        Assert.Equal("Tulis catatan:", reply.Text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
