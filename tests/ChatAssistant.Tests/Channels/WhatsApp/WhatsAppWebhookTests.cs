using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>The webhook over real HTTP on 127.0.0.1, in the worker, against its database file.</summary>
public sealed class WhatsAppWebhookTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly HttpClient _http = new();
    private WhatsAppWorker _worker = null!;

    public async Task InitializeAsync() => _worker = await WhatsAppWorker.StartAsync(_folder);

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        _http.Dispose();
        _folder.Dispose();
    }

    private long Count(string sql) => Sql.Count(_folder.DatabasePath, sql);

    private Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, _worker.Webhook)
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // As curl does for a large body: a refusal (413) then comes before the body instead of a broken pipe midway.
        request.Headers.ExpectContinue = bytes.Length > 1024 * 1024;
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WhatsAppSignature.Header, signature);
        }

        return _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostSignedAsync(string body) =>
        PostAsync(body, WhatsAppSignature.Sign(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(WhatsAppWorker.AppSecret)));

    private Task<HttpResponseMessage> VerifyAsync(string query) => _http.GetAsync(new Uri(_worker.Webhook + "?" + query));

    [Fact]
    public async Task Verification_with_the_right_token_answers_the_challenge()
    {
        using var response = await VerifyAsync($"hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={WhatsAppWorker.VerifyToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=tebakan")]
    [InlineData("hub.mode=subscribe&hub.challenge=1158201444")]
    [InlineData("hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=" + WhatsAppWorker.VerifyToken)]
    [InlineData("hub.challenge=1158201444&hub.verify_token=" + WhatsAppWorker.VerifyToken)]
    public async Task Verification_without_subscribe_and_the_right_token_is_forbidden(string query)
    {
        using var response = await VerifyAsync(query);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("1158201444", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_or_missing_signature_is_refused_and_nothing_is_stored()
    {
        var body = WhatsAppPayloads.Text("wamid.forged", "/catat");
        var otherSecret = WhatsAppSignature.Sign(Encoding.UTF8.GetBytes(body), "not-the-app-secret"u8);
        var otherBody = WhatsAppSignature.Sign(Encoding.UTF8.GetBytes(body + " "), Encoding.UTF8.GetBytes(WhatsAppWorker.AppSecret));

        using var missing = await PostAsync(body, null);
        using var wrongSecret = await PostAsync(body, otherSecret);
        using var wrongBody = await PostAsync(body, otherBody);
        using var notHex = await PostAsync(body, "sha256=" + new string('z', 64));
        using var sha1 = await PostAsync(body, "sha1=0123456789abcdef0123456789abcdef01234567");

        Assert.All([missing, wrongSecret, wrongBody, notHex, sha1], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM users"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM dead_letters"));
    }

    [Theory]
    [InlineData("{\"object\": \"whatsapp_business_account\", \"entry\": [{\"changes\": [")]
    [InlineData("<html>not json</html>")]
    public async Task A_signed_body_that_is_not_json_is_refused_and_nothing_is_stored(string body)
    {
        using var response = await PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM dead_letters"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_and_nothing_is_stored()
    {
        var body = WhatsAppPayloads.Text("wamid.big", new string('a', WhatsAppWebhook.MaxBodyBytes));

        using var response = await PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task A_signed_text_message_is_committed_before_200_and_stored_once_when_posted_twice()
    {
        var body = WhatsAppPayloads.Text("wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjA", "/catat");

        using var first = await PostSignedAsync(body);
        using var again = await PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM inbox WHERE channel = 'whatsapp' AND message_id = 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjA'"));
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM users WHERE channel = 'whatsapp' AND chat_id = '{WhatsAppPayloads.UserId}'"));

        // Answered once, from the store: the reply waits in the outbox for the WhatsApp sender.
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM outbox WHERE channel = 'whatsapp' AND chat_id = '{WhatsAppPayloads.UserId}'"));
        Assert.Equal("Tulis catatan:", Sql.Text(_folder.DatabasePath, "SELECT text FROM outbox WHERE channel = 'whatsapp'"));
    }

    [Fact]
    public async Task A_photo_is_answered_with_a_note_and_the_question_again_and_a_reaction_not_at_all()
    {
        using var start = await PostSignedAsync(WhatsAppPayloads.Text("wamid.start", "/catat"));
        using var photo = await PostSignedAsync(WhatsAppPayloads.Message("wamid.photo", "image", WhatsAppPayloads.Image));
        var afterPhoto = Count("SELECT COUNT(*) FROM outbox");
        using var reaction = await PostSignedAsync(WhatsAppPayloads.Message("wamid.reaction", "reaction", WhatsAppPayloads.Reaction));

        Assert.All([start, photo, reaction], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var texts = string.Join("\n", Enumerable.Range(0, (int)afterPhoto).Select(i =>
            Sql.Text(_folder.DatabasePath, $"SELECT text FROM outbox ORDER BY id LIMIT 1 OFFSET {i}")));
        Assert.Contains("hanya bisa membaca pesan teks", texts, StringComparison.Ordinal);
        Assert.Equal(2, texts.Split("Tulis catatan:").Length - 1);
        Assert.Equal(afterPhoto, Count("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task A_signed_message_without_a_sender_is_kept_as_a_dead_letter_and_acknowledged()
    {
        using var response = await PostSignedAsync(WhatsAppPayloads.Message("wamid.nobody", "text", "\"text\": {\"body\": \"halo\"}", waId: null, userId: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM dead_letters WHERE channel = 'whatsapp' AND update_id = 'wamid.nobody'"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM users"));
    }
}
