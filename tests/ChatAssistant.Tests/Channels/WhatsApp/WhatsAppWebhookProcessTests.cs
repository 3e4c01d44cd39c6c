using System.Net;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>The worker as a real process: Meta's verification handshake, and signed webhooks only.</summary>
public sealed class WhatsAppWebhookProcessTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private FakeCloudApi _api = null!;
    private WhatsAppProcess _worker = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeCloudApi.StartAsync();
        _folder.File("dialogs/notes.yaml", Telegram.TelegramTestDialogs.Notes);
        var environment = WhatsAppProcess.Environment(_api, _folder, AssistantProcess.FreePort(), Path.Combine(_folder.Path, "dialogs"));
        _worker = await WhatsAppProcess.StartAsync(_api, environment);
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    private long Count(string sql) => Sql.Count(_folder.DatabasePath, sql);

    [Fact]
    public async Task The_handshake_answers_the_challenge_for_the_right_verify_token_and_403_for_a_wrong_one()
    {
        using var http = new HttpClient();
        using var right = await http.GetAsync(new Uri(_worker.Webhook + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + WhatsAppProcess.VerifyToken));
        var wrong = await _worker.HandshakeAsync(http, "tebakan-salah", "1158201444");
        using var missing = await http.GetAsync(new Uri(_worker.Webhook + "?hub.mode=subscribe&hub.challenge=1158201444"));

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("1158201444", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.DoesNotContain("1158201444", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_or_missing_signature_is_refused_with_401_and_nothing_is_stored_while_the_signed_body_is_answered()
    {
        var owner = CloudOwner.Numbered(1);
        var body = CloudWebhook.ForMessages(_api.PhoneNumberId, [(owner, CloudWebhook.Text(owner, _api.NewMessageId(), "/catat"))]).Body;

        var refused = new[]
        {
            await _api.PostOnceAsync(body, null),
            await _api.PostOnceAsync(body, ""),
            await _api.PostOnceAsync(body, FakeCloudApi.Sign(body, "bukan-app-secret-ini")),
            await _api.PostOnceAsync(body, FakeCloudApi.Sign(body + " ", WhatsAppProcess.AppSecret)),
            await _api.PostOnceAsync(body + " ", FakeCloudApi.Sign(body, WhatsAppProcess.AppSecret)),
            await _api.PostOnceAsync(body, FakeCloudApi.Sign(body, WhatsAppProcess.AppSecret).Replace("sha256=", "sha1=", StringComparison.Ordinal)),
            await _api.PostOnceAsync(body, "sha256=" + new string('0', 64)),
        };

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM users"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM dead_letters"));

        // The same body, signed with the app secret, is stored and answered: the refusals were the signature's.
        Assert.Equal(HttpStatusCode.OK, await _api.PostOnceAsync(body, FakeCloudApi.Sign(body, WhatsAppProcess.AppSecret)));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM users WHERE channel = 'whatsapp' AND chat_id = '{owner.Key}'"));
        await FakeCloudApi.WaitUntilAsync(() => Count("SELECT COUNT(*) FROM outbox") > 0, TimeSpan.FromSeconds(30));
        Assert.Equal("Tulis catatan:", Sql.Text(_folder.DatabasePath, "SELECT text FROM outbox WHERE channel = 'whatsapp'"));
    }
}
