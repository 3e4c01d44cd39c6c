using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Outbox;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>Status webhooks over real HTTP on 127.0.0.1, in the worker: committed before the 200, monotonic, deduplicated.</summary>
public sealed class WhatsAppStatusWebhookTests : IAsyncLifetime
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
        var request = new HttpRequestMessage(HttpMethod.Post, _worker.Webhook) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WhatsAppSignature.Header, signature);
        }

        return _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostSignedAsync(string body) =>
        PostAsync(body, WhatsAppSignature.Sign(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(WhatsAppWorker.AppSecret)));

    /// <summary>A message the WhatsApp sender sent: an outbox row with the wamid the Cloud API answered.</summary>
    private long SentMessage(string wamid)
    {
        Sql.Execute(_folder.DatabasePath, $"""
            INSERT INTO outbox (user_id, channel, chat_id, priority, text, created_at, sent_at, attempts, sent_message_id)
            VALUES (0, 'whatsapp', '{WhatsAppPayloads.UserId}', 0, 'Halo', 1, 2, 1, '{wamid}')
            """);
        return Count($"SELECT id FROM outbox WHERE sent_message_id = '{wamid}'");
    }

    private long? Delivery(long id) => Sql.Text(_folder.DatabasePath, $"SELECT CAST(delivery AS TEXT) FROM outbox WHERE id = {id}") is { } text
        ? long.Parse(text, CultureInfo.InvariantCulture)
        : null;

    /// <summary>One status object of a statuses webhook; <paramref name="errors"/> is a failed status's errors array.</summary>
    private static string Status(string id, string status, int second, string? errors = null) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"id": "{{id}}", "status": "{{status}}", "timestamp": "{{1764770100 + second}}", "recipient_id": "{{WhatsAppPayloads.WaId}}",
         "recipient_user_id": "{{WhatsAppPayloads.UserId}}"{{(errors is null ? string.Empty : ", \"errors\": " + errors)}}}
        """);

    /// <summary>A webhook body with <paramref name="statuses"/> and, when given, one owner's text message in the same value.</summary>
    private static string Body(IEnumerable<string> statuses, string? messageId = null, string text = "/catat")
    {
        var message = messageId is null ? string.Empty : $$$"""
            "messages": [{"from": "{{{WhatsAppPayloads.WaId}}}", "from_user_id": "{{{WhatsAppPayloads.UserId}}}", "id": "{{{messageId}}}", "timestamp": "1764770000", "type": "text", "text": {"body": "{{{text}}}"}}],
            """;
        return $$$"""
            {
              "object": "whatsapp_business_account",
              "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550783881", "phone_number_id": "{{{WhatsAppPayloads.PhoneNumberId}}}"},
                "contacts": [{"profile": {"name": "Sari Dewi"}, "wa_id": "{{{WhatsAppPayloads.WaId}}}", "user_id": "{{{WhatsAppPayloads.UserId}}}"}],
                {{{message}}}
                "statuses": [{{{string.Join(", ", statuses)}}}]
              }}]}]
            }
            """;
    }

    private const string Undeliverable = """
        [{"code": 131026, "title": "Message undeliverable", "message": "Message undeliverable", "error_data": {"details": "Message could not be delivered"}}]
        """;

    [Fact]
    public async Task Reordered_and_repeated_statuses_leave_each_message_at_its_furthest_state_before_the_200()
    {
        var first = SentMessage("wamid.first");
        var second = SentMessage("wamid.second");

        // Read before delivered, a duplicate, a failure after read, a status of a message the outbox never sent.
        using var response = await PostSignedAsync(Body(
        [
            Status("wamid.first", "read", 3), Status("wamid.first", "delivered", 2), Status("wamid.first", "read", 3),
            Status("wamid.first", "failed", 4, Undeliverable), Status("wamid.second", "sent", 1), Status("wamid.second", "delivered", 2),
            Status("wamid.unknown", "delivered", 2),
        ]));

        // Read straight after the 200: committed before it.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((long)DeliveryState.Read, Delivery(first));
        Assert.Equal((long)DeliveryState.Delivered, Delivery(second));
        Assert.Null(Sql.Text(_folder.DatabasePath, $"SELECT error FROM outbox WHERE id = {first}"));
        Assert.Equal(6, Count("SELECT COUNT(*) FROM delivery_statuses WHERE channel = 'whatsapp'"));
        Assert.Equal((1764770103L) * 1000, Count($"SELECT delivery_at FROM outbox WHERE id = {first}"));
    }

    [Fact]
    public async Task The_same_statuses_posted_again_a_day_later_change_nothing()
    {
        var id = SentMessage("wamid.again");
        var body = Body([Status("wamid.again", "delivered", 2)]);
        using var first = await PostSignedAsync(body);
        using var read = await PostSignedAsync(Body([Status("wamid.again", "read", 5)]));

        using var again = await PostSignedAsync(body);

        Assert.All([first, read, again], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal((long)DeliveryState.Read, Delivery(id));
        Assert.Equal(2, Count("SELECT COUNT(*) FROM delivery_statuses WHERE message_id = 'wamid.again'"));
    }

    [Fact]
    public async Task A_failed_status_before_delivery_marks_the_message_failed_with_the_cloud_api_error()
    {
        var id = SentMessage("wamid.failed");

        using var response = await PostSignedAsync(Body([Status("wamid.failed", "sent", 1), Status("wamid.failed", "failed", 2, Undeliverable)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((long)DeliveryState.Failed, Delivery(id));
        Assert.Equal("131026 Message undeliverable", Sql.Text(_folder.DatabasePath, $"SELECT error FROM outbox WHERE id = {id}"));
    }

    [Fact]
    public async Task Statuses_and_a_message_in_one_body_are_both_committed()
    {
        var id = SentMessage("wamid.reply");

        using var response = await PostSignedAsync(Body([Status("wamid.reply", "read", 3)], messageId: "wamid.owner1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((long)DeliveryState.Read, Delivery(id));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM inbox WHERE channel = 'whatsapp' AND message_id = 'wamid.owner1'"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM outbox WHERE text = 'Tulis catatan:'")); // queued, or already sent: the worker's sender runs
    }

    [Fact]
    public async Task Statuses_with_a_wrong_signature_are_refused_and_nothing_is_recorded()
    {
        var id = SentMessage("wamid.forged");
        var body = Body([Status("wamid.forged", "read", 3)]);

        using var response = await PostAsync(body, WhatsAppSignature.Sign(Encoding.UTF8.GetBytes(body), "not-the-app-secret"u8));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(Delivery(id));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM delivery_statuses"));
    }
}
