using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatAssistant.Channels.WhatsApp;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>The stand-in Cloud API itself: what the process tests rely on it to check and to post.</summary>
public sealed class FakeCloudApiTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private FakeCloudApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeCloudApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _http.Dispose();
    }

    private async Task<(HttpStatusCode Status, int? Code)> SendAsync(JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{_api.ApiBaseUrl}/{_api.PhoneNumberId}/messages"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _api.AccessToken);
        using var response = await _http.SendAsync(request);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var code = answer.RootElement.TryGetProperty("error", out var error) ? error.GetProperty("code").GetInt32() : (int?)null;
        return (response.StatusCode, code);
    }

    private static JsonObject Text(CloudOwner owner) => new()
    {
        ["messaging_product"] = "whatsapp",
        [owner.UserId is null ? "to" : "recipient"] = owner.Key,
        ["type"] = "text",
        ["text"] = new JsonObject { ["body"] = "Halo" },
    };

    private static JsonObject Template(CloudOwner owner, string name, params string[] parameters) => new()
    {
        ["messaging_product"] = "whatsapp",
        [owner.UserId is null ? "to" : "recipient"] = owner.Key,
        ["type"] = "template",
        ["template"] = new JsonObject
        {
            ["name"] = name,
            ["language"] = new JsonObject { ["code"] = "id" },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p })]),
            }),
        },
    };

    [Fact]
    public void Its_signature_is_the_one_the_worker_checks()
    {
        var owner = CloudOwner.Numbered(7);
        var body = CloudWebhook.ForMessages(_api.PhoneNumberId, [(owner, CloudWebhook.Text(owner, _api.NewMessageId(), "Halo \"kak\" 🙏"))]).Body;

        var signature = FakeCloudApi.Sign(body, "rahasia-aplikasi");

        Assert.True(WhatsAppSignature.IsValid(signature, Encoding.UTF8.GetBytes(body), "rahasia-aplikasi"u8));
        Assert.False(WhatsAppSignature.IsValid(signature, Encoding.UTF8.GetBytes(body), "rahasia-lain"u8));
        var read = WhatsAppInboundReader.Read(Encoding.UTF8.GetBytes(body), _api.PhoneNumberId)!;
        Assert.Equal(owner.Key, Assert.Single(read.Messages).ChatId);
        Assert.Equal("Halo \"kak\" 🙏", read.Messages[0].Message.Text);
    }

    [Fact]
    public async Task A_free_form_message_outside_the_window_is_refused_with_131047_until_the_owner_writes()
    {
        var inside = CloudOwner.Numbered(1);
        var outside = CloudOwner.Numbered(2);
        _api.PutOutsideWindow([outside]);

        Assert.Equal((HttpStatusCode.OK, null), await SendAsync(Text(inside)));
        Assert.Equal((HttpStatusCode.BadRequest, 131047), await SendAsync(Text(outside)));
        Assert.Equal(2, _api.Sends.Count);
        Assert.True(_api.Sends[1].At >= _api.Sends[0].At);
    }

    [Fact]
    public async Task A_template_goes_only_when_approved_in_its_language_with_its_parameters_and_also_outside_the_window()
    {
        var owner = CloudOwner.Numbered(3);
        _api.PutOutsideWindow([owner]);
        _api.ApproveTemplate("info_program", "id", bodyParameters: 1);

        Assert.Equal((HttpStatusCode.NotFound, 132001), await SendAsync(Template(owner, "belum_disetujui", "x")));
        Assert.Equal((HttpStatusCode.BadRequest, 132000), await SendAsync(Template(owner, "info_program")));
        Assert.Equal((HttpStatusCode.OK, null), await SendAsync(Template(owner, "info_program", "Bimtek Digital")));

        var sent = _api.Accepted.Single();
        Assert.Equal(("info_program", "id"), (sent.Template.Name, sent.Template.Language));
        Assert.Equal(["Bimtek Digital"], sent.Template.Parameters);
    }

    [Fact]
    public void Choices_are_read_from_reply_buttons_and_list_rows_with_their_ids()
    {
        var buttons = JsonDocument.Parse("""
            {"messaging_product":"whatsapp","to":"1","type":"interactive","interactive":{"type":"button","body":{"text":"?"},
             "action":{"buttons":[{"type":"reply","reply":{"id":"a|yes","title":"Ya"}},{"type":"reply","reply":{"id":"a|no","title":"Tidak"}}]}}}
            """).RootElement.Clone();
        var list = JsonDocument.Parse("""
            {"messaging_product":"whatsapp","to":"1","type":"interactive","interactive":{"type":"list","body":{"text":"?"},
             "action":{"button":"Pilih","sections":[{"rows":[{"id":"b|food","title":"Makanan","description":"Makanan & minuman"}]}]}}}
            """).RootElement.Clone();

        Assert.Equal(
            [new CloudChoice(CloudChoiceKind.Button, "a|yes", "Ya", null), new CloudChoice(CloudChoiceKind.Button, "a|no", "Tidak", null)],
            new CloudSend("p", null, buttons, 200, "w").Choices);
        Assert.Equal([new CloudChoice(CloudChoiceKind.ListRow, "b|food", "Makanan", "Makanan & minuman")], new CloudSend("p", null, list, 200, "w").Choices);

        var tap = CloudWebhook.Interactive(CloudOwner.Numbered(1), "wamid.in", new CloudSend("p", null, list, 200, "w").Choices[0], "w");
        Assert.Equal("list_reply", tap["interactive"]!["type"]!.GetValue<string>());
        Assert.Equal("b|food", tap["interactive"]!["list_reply"]!["id"]!.GetValue<string>());
    }
}
