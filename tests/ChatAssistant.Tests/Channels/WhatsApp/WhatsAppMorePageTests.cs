using System.Globalization;
using System.Text;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// A question of more than 10 options goes as pages of 9 and a "Lainnya" row; tapping it shows the next page of the
/// same question, and a row of any page answers it. Through the worker's webhook and sender, against the stand-in.
/// </summary>
public sealed class WhatsAppMorePageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly string Kabupaten = $$"""
        id: kabupaten
        version: 1
        languages: [id, en]
        title: {id: Kabupaten, en: Regency}
        commands: [/kabupaten]
        start: which
        steps:
          which:
            ask: {id: "Kabupaten mana?", en: "Which regency?"}
            options:
        {{string.Join("\n", Enumerable.Range(1, 12).Select(i => string.Create(CultureInfo.InvariantCulture, $"      - {{value: k{i}, id: Kabupaten {i}, en: Regency {i}}}")))}}
          done:
            end: {id: "Dipilih: {which}", en: "Chosen: {which}"}
        """;

    private readonly TempFolder _folder = new();
    private readonly CloudOwner _owner = new(WhatsAppPayloads.WaId, WhatsAppPayloads.UserId);
    private WhatsAppWorker _worker = null!;

    private FakeCloudApi Api => _worker.Api;

    public async Task InitializeAsync()
    {
        _folder.File("dialogs/kabupaten.yaml", Kabupaten);
        _worker = await WhatsAppWorker.StartAsync(_folder);
        Api.ConnectWebhook(_worker.Webhook, WhatsAppWorker.AppSecret);
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        _folder.Dispose();
    }

    private Task<CloudSend> NextQuestionAsync(int after) =>
        Api.WaitForSendAsync(_owner, s => s.Choices.Count > 0, Patience, after);

    [Fact]
    public async Task Tapping_Lainnya_shows_the_next_page_once_and_a_row_there_answers_the_question()
    {
        await Api.OwnerWritesAsync(_owner, "/kabupaten");
        var first = await NextQuestionAsync(0);
        Assert.Equal([.. Enumerable.Range(1, 9).Select(i => "Kabupaten " + i), "Lainnya"], first.Choices.Select(c => c.Title));
        Assert.Equal(WhatsAppMessageShape.MorePrefix + "1", first.Choices[^1].Id);

        // Meta redelivers: the same tap twice shows the page once.
        var sentBefore = Api.AcceptedTo(_owner).Count;
        var tap = await Api.DeliverMessagesAsync([(_owner, CloudWebhook.Interactive(_owner, Api.NewMessageId(), first.Choices[^1], first.WamId))]);
        await Api.DeliverAsync(tap);
        var second = await NextQuestionAsync(sentBefore);

        Assert.Equal("list", second.InteractiveType);
        Assert.Equal(["Kabupaten 10", "Kabupaten 11", "Kabupaten 12"], second.Choices.Select(c => c.Title));
        Assert.Equal("Kabupaten mana?", second.Text);
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM outbox WHERE page = 1"));

        // The rows carry the same tap data as the first page's would: the question's own buttons, not new ones.
        var token = first.Choices[0].Id.Split('|')[0];
        Assert.All(second.Choices, c => Assert.StartsWith(token + "|", c.Id, StringComparison.Ordinal));

        var sentBeforeAnswer = Api.AcceptedTo(_owner).Count;
        await Api.OwnerTapsAsync(_owner, "Kabupaten 11");
        var end = await Api.WaitForSendAsync(_owner, s => s.Text.Contains("Dipilih", StringComparison.Ordinal), Patience, sentBeforeAnswer);

        Assert.StartsWith("Dipilih: Kabupaten 11", end.Text, StringComparison.Ordinal);
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM outbox WHERE page = 1"));
    }

    [Fact]
    public void The_reader_takes_a_Lainnya_row_as_a_page_request_with_the_message_it_replies_to()
    {
        var body = WhatsAppPayloads.Message("wamid.more", "interactive",
            "\"context\": {\"from\": \"15550783881\", \"id\": \"wamid.question\"}, \"interactive\": {\"type\": \"list_reply\", \"list_reply\": {\"id\": \"wa:more:2\", \"title\": \"Lainnya\"}}");

        var inbound = Assert.Single(WhatsAppInboundReader.Read(Encoding.UTF8.GetBytes(body), WhatsAppPayloads.PhoneNumberId)!.Messages);

        Assert.Equal(WhatsAppInboundKind.MorePage, inbound.Kind);
        Assert.Equal(2, inbound.Page);
        Assert.Equal("wamid.question", inbound.RepliedTo);
        Assert.Equal(WhatsAppPayloads.UserId, inbound.ChatId);
    }
}
