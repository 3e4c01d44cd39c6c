using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ChatAssistant.Broadcasts;
using ChatAssistant.Channels.Telegram;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Health;
using ChatAssistant.Hosting;
using ChatAssistant.Outbox;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// WhatsApp in the real worker: its sender and dispatcher registered beside Telegram's, replies sent to the stand-in
/// Cloud API, the number probed for the health check, and both webhooks on one Kestrel host when they share a ListenUrl.
/// </summary>
public sealed class WhatsAppHostingTests : IDisposable
{
    private const string TelegramSecret = "s3cr3t-Token_for-tests";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempFolder _folder = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_message_to_the_webhook_is_answered_through_the_cloud_api()
    {
        await using var worker = await WhatsAppWorker.StartAsync(_folder);

        using var response = await PostSignedAsync(worker.Webhook, WhatsAppPayloads.Text("wamid.hosting1", "/catat"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var send = await EventuallyAsync(() => worker.Api.Accepted.FirstOrDefault(), "no send reached the Cloud API");
        Assert.Equal(WhatsAppPayloads.UserId, send.To);
        Assert.Equal("Tulis catatan:", send.Text);
        Assert.Equal("Bearer " + WhatsAppWorker.AccessToken, send.Authorization);
        await EventuallyAsync(() => Sql.Text(_folder.DatabasePath, $"SELECT sent_message_id FROM outbox WHERE sent_message_id = '{send.WamId}'"), "the send was not marked sent");
    }

    [Fact]
    public async Task The_worker_probes_the_number_so_the_health_check_counts_whatsapp_as_answering()
    {
        await using var worker = await WhatsAppWorker.StartAsync(_folder);

        await EventuallyAsync(
            () => Sql.Text(_folder.DatabasePath, $"SELECT value FROM channel_state WHERE channel = 'whatsapp' AND key = '{ChannelHealthSql.Key}'"),
            "no successful WhatsApp call was recorded");

        Assert.True(worker.Api.NumberLookups >= 1);
        var report = HealthCheck.Run(_folder.DatabasePath, ["whatsapp"], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
        Assert.True(report.Healthy, report.Line);
        Assert.Contains("whatsapp: last successful call", report.Line, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatsApp_sends_at_70_a_second_within_the_pair_limit_unless_its_section_says_otherwise_and_Telegram_keeps_its_own()
    {
        var both = BothChannels(listenUrl: "http://127.0.0.1:0", apiBaseUrl: "http://127.0.0.1:9/v25.0");
        using var defaults = WorkerHost.Build(both, out var channels);
        both["WhatsApp:MaxMessagesPerSecond"] = "40";
        using var configured = WorkerHost.Build(both, out _);

        Assert.Equal(["telegram", "whatsapp"], channels);
        Assert.Equal(70, Outbox(defaults, "whatsapp").MaxMessagesPerSecond);
        Assert.Equal(25, Outbox(defaults, "telegram").MaxMessagesPerSecond);
        Assert.Equal(40, Outbox(configured, "whatsapp").MaxMessagesPerSecond);

        // The pair limit: one message per 6 s on average to one owner, in bursts of up to 10; Telegram keeps one a second.
        Assert.Equal(TimeSpan.FromSeconds(6), Outbox(defaults, "whatsapp").PerChatInterval);
        Assert.Equal(10, Outbox(defaults, "whatsapp").PerChatBurst);
        Assert.Equal(TimeSpan.FromSeconds(1), Outbox(defaults, "telegram").PerChatInterval);
        Assert.Equal(1, Outbox(defaults, "telegram").PerChatBurst);
    }

    [Fact]
    public void Each_channel_gets_its_own_outbox_dispatcher_and_broadcast_feeder()
    {
        using var host = WorkerHost.Build(BothChannels(listenUrl: "http://127.0.0.1:0", apiBaseUrl: "http://127.0.0.1:9/v25.0"), out _);

        var hosted = host.Services.GetServices<IHostedService>().Select(s => s is HeldRole held ? held.Service : s).ToList();

        // AddHostedService adds a factory's type only once: a second channel's dispatcher or feeder would be lost.
        Assert.Equal(2, hosted.OfType<OutboxDispatcher>().Count());
        Assert.Equal(2, hosted.OfType<BroadcastFeeder>().Count());
        Assert.Equal(2, host.Services.GetServices<IChannelProbe>().Select(p => p.Channel).Distinct().Count());
    }

    [Theory]
    [InlineData("Polling")]
    [InlineData("Webhook")]
    public void The_webhooks_stop_before_any_sender_flushes_and_the_health_recorder_stops_first(string telegramMode)
    {
        var settings = BothChannels(listenUrl: "http://127.0.0.1:0", apiBaseUrl: "http://127.0.0.1:9/v25.0");
        settings["Telegram:Mode"] = telegramMode;
        settings["Telegram:WebhookUrl"] = "https://example.org/telegram/hook";
        settings["Telegram:WebhookSecret"] = TelegramSecret;
        using var host = WorkerHost.Build(settings, out _);

        // Hosted services start in this order and stop in reverse.
        var order = host.Services.GetServices<IHostedService>().Select(s => (s is HeldRole held ? held.Service : s).GetType().Name).ToList();

        var webhooks = order.IndexOf(nameof(ChatAssistant.Channels.WebhookHost));
        Assert.Equal(1, order.Count(n => n == nameof(ChatAssistant.Channels.WebhookHost)));
        Assert.True(order.LastIndexOf(nameof(OutboxDispatcher)) < webhooks, string.Join(", ", order));
        Assert.True(order.LastIndexOf(nameof(BroadcastFeeder)) < webhooks, string.Join(", ", order));
        Assert.Equal(nameof(ChannelHealthRecorder), order[^1]);
    }

    [Fact]
    public async Task Telegram_and_WhatsApp_run_in_one_worker_each_answering_on_its_own_api()
    {
        await using var botApi = await FakeBotApi.StartAsync(TelegramWorker.Token);
        await using var cloudApi = await FakeCloudApi.StartAsync(WhatsAppPayloads.PhoneNumberId, WhatsAppWorker.AccessToken);
        _folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        var whatsApp = WhatsAppWorker.Settings(_folder);
        whatsApp["WhatsApp:ApiBaseUrl"] = cloudApi.ApiBaseUrl;
        await using var worker = await TelegramWorker.StartAsync(botApi, _folder, Path.Combine(_folder.Path, "dialogs"), whatsApp);
        var webhook = new Uri(worker.Services.GetRequiredService<WhatsAppWebhook>().Addresses.Single().TrimEnd('/') + WhatsAppWebhook.Path);

        botApi.EnqueueText(501, "/catat");
        using var response = await PostSignedAsync(webhook, WhatsAppPayloads.Text("wamid.both1", "/catat"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Tulis catatan:", (await botApi.WaitForSentAsync(501, null, Patience)).Text);
        Assert.Equal("Tulis catatan:", (await EventuallyAsync(() => cloudApi.Accepted.FirstOrDefault(), "no WhatsApp send")).Text);
    }

    [Fact]
    public async Task Both_webhooks_answer_on_one_port_when_their_listen_urls_are_equal()
    {
        await using var botApi = await FakeBotApi.StartAsync(TelegramWorker.Token);
        await using var cloudApi = await FakeCloudApi.StartAsync(WhatsAppPayloads.PhoneNumberId, WhatsAppWorker.AccessToken);
        var port = FreePort();
        var listenUrl = $"http://127.0.0.1:{port}";
        var telegramHook = listenUrl + "/telegram/hook";
        var settings = BothChannels(listenUrl, cloudApi.ApiBaseUrl);
        settings["Telegram:Mode"] = "Webhook";
        settings["Telegram:WebhookUrl"] = telegramHook;
        settings["Telegram:WebhookSecret"] = TelegramSecret;
        await using var worker = await TelegramWorker.StartAsync(botApi, _folder, Path.Combine(_folder.Path, "dialogs"), settings);

        using var telegram = await botApi.PostToWebhookAsync(telegramHook, TelegramSecret, 601, "/catat");
        using var verification = await _http.GetAsync(new Uri($"{listenUrl}{WhatsAppWebhook.Path}?hub.mode=subscribe&hub.challenge=4242&hub.verify_token={WhatsAppWorker.VerifyToken}"));

        Assert.Equal(HttpStatusCode.OK, telegram.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verification.StatusCode);
        Assert.Equal("4242", await verification.Content.ReadAsStringAsync());
        Assert.Equal(telegramHook, botApi.WebhookUrl);
        Assert.Equal(
            worker.Services.GetRequiredService<TelegramWebhook>().Addresses,
            worker.Services.GetRequiredService<WhatsAppWebhook>().Addresses);
        Assert.Equal("Tulis catatan:", (await botApi.WaitForSentAsync(601, null, Patience)).Text);
    }

    /// <summary>Settings enabling Telegram (polling unless changed) and WhatsApp, the notes dialog in the folder.</summary>
    private Dictionary<string, string?> BothChannels(string listenUrl, string apiBaseUrl)
    {
        _folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        var settings = WhatsAppWorker.Settings(_folder);
        settings["WhatsApp:ListenUrl"] = listenUrl;
        settings["WhatsApp:ApiBaseUrl"] = apiBaseUrl;
        settings["Telegram:BotToken"] = TelegramWorker.Token;
        settings["Telegram:ListenUrl"] = listenUrl;
        return settings;
    }

    private static OutboxOptions Outbox(IHost host, string channel) =>
        host.Services.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get(channel);

    private Task<HttpResponseMessage> PostSignedAsync(Uri webhook, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WhatsAppSignature.Header, WhatsAppSignature.Sign(bytes, Encoding.UTF8.GetBytes(WhatsAppWorker.AppSecret)));
        return _http.SendAsync(request);
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> read, string failure)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (read() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
