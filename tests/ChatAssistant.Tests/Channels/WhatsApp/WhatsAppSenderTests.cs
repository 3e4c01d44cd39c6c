using System.Text.Json;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>The real sender, with a real HttpClient, against the stand-in Cloud API on 127.0.0.1.</summary>
public sealed class WhatsAppSenderTests : IAsyncLifetime
{
    private const string Owner = "6281234567890";

    private readonly HttpClient _http = new();
    private readonly RecordingLogger<WhatsAppSender> _logger = new();
    private FakeCloudApi _api = null!;
    private WhatsAppSender _sender = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeCloudApi.StartAsync();
        _sender = new WhatsAppSender(_http, new WhatsAppSendSettings(_api.ApiBaseUrl, _api.PhoneNumberId, _api.AccessToken), _logger);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task A_text_goes_to_the_phone_numbers_messages_endpoint_with_the_bearer_token_and_keeps_the_wamid()
    {
        var result = await SendAsync(OutboundMessage.Plain("Halo, Bu Sari!"));

        var send = Assert.Single(_api.Sends);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(send.WamId, result.ChannelMessageId);
        Assert.StartsWith("wamid.", result.ChannelMessageId, StringComparison.Ordinal);
        Assert.Equal(_api.PhoneNumberId, send.PhoneNumberId);
        Assert.Equal("Bearer " + _api.AccessToken, send.Authorization);
        Assert.Equal("whatsapp", send.Body.GetProperty("messaging_product").GetString());
        Assert.Equal(Owner, send.To);
        Assert.Equal("text", send.Type);
        Assert.Equal("Halo, Bu Sari!", send.Text);
    }

    [Fact]
    public async Task An_owner_known_by_a_business_scoped_user_id_is_addressed_as_recipient_and_a_phone_number_as_to()
    {
        const string Bsuid = "ID.13491208655302741918";
        var byUserId = await _sender.SendAsync(Message(OutboundMessage.Plain("Halo")) with { ChatId = Bsuid }, CancellationToken.None);
        var byTemplate = await _sender.SendAsync(Message(OutboundMessage.Plain("Halo")) with { ChatId = Bsuid, Id = 2, Template = new OutboxTemplate("pengingat", "id", []) }, CancellationToken.None);
        var byPhone = await _sender.SendAsync(Message(OutboundMessage.Plain("Halo")) with { Id = 3 }, CancellationToken.None);

        Assert.All([byUserId, byTemplate, byPhone], r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.Equal(Bsuid, _api.Sends[0].Body.GetProperty("recipient").GetString());
        Assert.False(_api.Sends[0].Body.TryGetProperty("to", out _));
        Assert.Equal(Bsuid, _api.Sends[1].Body.GetProperty("recipient").GetString());
        Assert.Equal(Owner, _api.Sends[2].Body.GetProperty("to").GetString());
        Assert.False(_api.Sends[2].Body.TryGetProperty("recipient", out _));
    }

    [Fact]
    public async Task Three_buttons_go_as_reply_buttons_the_api_accepts()
    {
        var message = WhatsAppShapes.WithOptions(3);

        var result = await SendAsync(message);

        var send = Assert.Single(_api.Sends);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal("button", send.InteractiveType);
        Assert.Equal(message.Buttons.Select(b => (b.Data, b.Label)), send.ReplyButtons);
    }

    [Fact]
    public async Task Seven_options_go_as_one_list_the_api_accepts()
    {
        var message = WhatsAppShapes.WithOptions(7);

        var result = await SendAsync(message);

        var send = Assert.Single(_api.Sends);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal("list", send.InteractiveType);
        Assert.Equal("Pilih", send.ListButton);
        Assert.Equal(message.Buttons.Select(b => b.Data), send.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Fourteen_options_go_as_the_first_page_of_nine_and_a_more_row()
    {
        var message = WhatsAppShapes.WithOptions(14);

        var result = await SendAsync(message);

        var send = Assert.Single(_api.Sends);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(10, send.Rows.Count);
        Assert.Equal(message.Buttons.Take(9).Select(b => b.Data), send.Rows.Take(9).Select(r => r.Id));
        Assert.Equal(("wa:more:1", "Lainnya"), (send.Rows[9].Id, send.Rows[9].Title));
    }

    [Fact]
    public async Task A_label_too_long_is_shortened_at_a_word_with_the_full_text_below_and_the_api_accepts_it()
    {
        var message = new OutboundMessage("Usaha apa?", [new Button(WhatsAppShapes.LongLabel, "tok12345|warung"), new Button("Toko kelontong", "tok12345|toko")]);

        var result = await SendAsync(message);

        var send = Assert.Single(_api.Sends);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(("tok12345|warung", "Warung makan dan…", WhatsAppShapes.LongLabel), send.Rows[0]);
    }

    [Fact]
    public async Task A_text_of_five_thousand_characters_goes_as_two_messages_split_at_its_paragraph()
    {
        var text = WhatsAppShapes.FiveThousandCharacters();

        var result = await SendAsync(OutboundMessage.Plain(text));

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal([new string('a', 2999) + ".", new string('b', 1998) + "."], _api.Accepted.Select(s => s.Text));
        Assert.Equal(_api.Accepted[^1].WamId, result.ChannelMessageId);
    }

    [Fact]
    public async Task Throughput_refusals_pause_every_send_for_a_doubling_wait_that_starts_over_after_a_send()
    {
        _api.FailNext(CloudFailure.Throughput(), CloudFailure.Throughput());

        var first = await SendAsync(OutboundMessage.Plain("a"));
        var second = await SendAsync(OutboundMessage.Plain("a"));
        var sent = await SendAsync(OutboundMessage.Plain("a"));
        _api.FailNext(CloudFailure.Throughput());
        var after = await SendAsync(OutboundMessage.Plain("a"));

        Assert.Equal((SendOutcome.RateLimited, TimeSpan.FromSeconds(1)), (first.Outcome, first.RetryAfter));
        Assert.Equal((SendOutcome.RateLimited, TimeSpan.FromSeconds(2)), (second.Outcome, second.RetryAfter));
        Assert.Equal(SendOutcome.Sent, sent.Outcome);
        Assert.Equal((SendOutcome.RateLimited, TimeSpan.FromSeconds(1)), (after.Outcome, after.RetryAfter));
        Assert.StartsWith("130429", first.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throughput_refusal_with_retry_after_pauses_for_that_long()
    {
        _api.FailNext(CloudFailure.Throughput(retryAfterSeconds: 7));

        var result = await SendAsync(OutboundMessage.Plain("a"));

        Assert.Equal((SendOutcome.RateLimited, TimeSpan.FromSeconds(7)), (result.Outcome, result.RetryAfter));
    }

    [Fact]
    public async Task A_pair_rate_refusal_is_retried_later_for_that_owner_alone()
    {
        _api.FailNext(CloudFailure.PairRate());

        var result = await SendAsync(OutboundMessage.Plain("a"));

        // Transient: the dispatcher reschedules this chat with its backoff; RateLimited would pause every owner.
        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.StartsWith("131056", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_the_24_hour_window_the_message_waits_for_the_owner_and_says_so()
    {
        _api.FailNext(CloudFailure.OutsideWindow());

        var result = await SendAsync(OutboundMessage.Plain("a"));

        Assert.Equal(SendOutcome.OutsideWindow, result.Outcome);
        Assert.StartsWith("131047", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_with_a_template_goes_as_that_template_with_its_body_parameters()
    {
        var message = Message(OutboundMessage.Plain("Pendaftaran Bimtek Padang ditutup Jumat.")) with
        {
            Template = new OutboxTemplate("info_program", "id", ["Bimtek Padang", "Jumat"]),
        };

        var result = await _sender.SendAsync(message, CancellationToken.None);

        var send = Assert.Single(_api.Sends);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(send.WamId, result.ChannelMessageId);
        Assert.Equal("template", send.Type);
        Assert.Equal(
            """{"name":"info_program","language":{"code":"id"},"components":[{"type":"body","parameters":[{"type":"text","text":"Bimtek Padang"},{"type":"text","text":"Jumat"}]}]}""",
            send.Body.GetProperty("template").GetRawText());
        Assert.Equal(("info_program", "id"), (send.Template.Name, send.Template.Language));
        Assert.Equal(["Bimtek Padang", "Jumat"], send.Template.Parameters);
    }

    [Fact]
    public async Task Outside_the_window_a_free_form_message_is_refused_and_a_template_without_parameters_goes()
    {
        _api.OutsideWindow(Owner);

        var refused = await SendAsync(OutboundMessage.Plain("Halo lagi"));
        var sent = await _sender.SendAsync(Message(OutboundMessage.Plain("Halo lagi")) with { Template = new OutboxTemplate("pengingat", "id", []) }, CancellationToken.None);

        Assert.Equal(SendOutcome.OutsideWindow, refused.Outcome);
        Assert.StartsWith("131047", refused.Error, StringComparison.Ordinal);
        Assert.Equal(SendOutcome.Sent, sent.Outcome);
        var template = _api.Accepted.Single().Body.GetProperty("template");
        Assert.False(template.TryGetProperty("components", out _));
        Assert.Equal("pengingat", template.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_undeliverable_owner_is_unreachable()
    {
        _api.FailNext(CloudFailure.Undeliverable());

        var result = await SendAsync(OutboundMessage.Plain("a"));

        Assert.Equal(SendOutcome.Blocked, result.Outcome);
    }

    [Fact]
    public async Task The_marketing_cap_fails_the_message_without_retry_and_is_counted_by_its_code()
    {
        _api.FailNext(CloudFailure.MarketingCap());

        var result = await SendAsync(OutboundMessage.Plain("a"));

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        Assert.StartsWith("131049", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_pauses_sending_keeps_the_message_and_logs_a_critical_line()
    {
        _api.FailNext(CloudFailure.TokenExpired());

        var result = await SendAsync(OutboundMessage.Plain("a"));

        // RateLimited: the dispatcher pauses every send and leaves the message queued (nothing marked failed).
        Assert.Equal((SendOutcome.RateLimited, WhatsAppErrors.TokenPause), (result.Outcome, result.RetryAfter));
        var critical = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Critical);
        Assert.Equal(5000, critical.EventId);
        Assert.Contains("WhatsApp:AccessToken", critical.Text, StringComparison.Ordinal);
        Assert.Empty(_api.Accepted);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_by_the_api_and_treated_as_an_expired_one()
    {
        using var http = new HttpClient();
        var sender = new WhatsAppSender(http, new WhatsAppSendSettings(_api.ApiBaseUrl, _api.PhoneNumberId, "wrong"), _logger);

        var result = await sender.SendAsync(Message(OutboundMessage.Plain("a")), CancellationToken.None);

        Assert.Equal(401, Assert.Single(_api.Sends).StatusCode);
        Assert.Equal(SendOutcome.RateLimited, result.Outcome);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Critical);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_server_error_is_a_passing_fault(int status)
    {
        _api.FailNext(CloudFailure.ServerError(status));

        var result = await SendAsync(OutboundMessage.Plain("a"));

        Assert.Equal(SendOutcome.Transient, result.Outcome);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_passing_fault()
    {
        _api.FailNext(CloudFailure.Dropped());

        var result = await SendAsync(OutboundMessage.Plain("a"));

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Empty(_api.Accepted);
    }

    [Fact]
    public async Task A_failure_before_the_first_part_of_a_long_text_sends_nothing_of_it()
    {
        _api.FailNext(CloudFailure.ServerError());

        var result = await SendAsync(OutboundMessage.Plain(WhatsAppShapes.FiveThousandCharacters()));

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Single(_api.Sends);
        Assert.Empty(_api.Accepted);
    }

    [Fact]
    public async Task When_the_second_part_fails_the_retry_sends_only_the_second_part()
    {
        var text = WhatsAppShapes.FiveThousandCharacters();
        var message = OutboundMessage.Plain(text);
        _api.AcceptThenFail(1, CloudFailure.ServerError());
        var failed = await SendAsync(message);

        var retried = await SendAsync(message);

        Assert.Equal(SendOutcome.Transient, failed.Outcome);
        Assert.Equal(SendOutcome.Sent, retried.Outcome);
        Assert.Equal([new string('a', 2999) + ".", new string('b', 1998) + "."], _api.Accepted.Select(s => s.Text));
        Assert.Equal(3, _api.Sends.Count);
    }

    [Fact]
    public async Task A_question_after_a_long_text_goes_as_text_then_buttons_the_api_accepts()
    {
        var intro = new string('x', 1499) + ".";
        var message = new OutboundMessage(intro + "\n\nBerapa omzet bulanan Anda?", [new Button("Kecil", "tok|s"), new Button("Besar", "tok|l")]);

        var result = await SendAsync(message);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(["text", "interactive"], _api.Sends.Select(s => s.Type));
        Assert.All(_api.Sends, s => Assert.True(s.Accepted));
        Assert.Equal("Berapa omzet bulanan Anda?", _api.Sends[1].Text);
    }

    [Fact]
    public async Task The_stand_in_refuses_what_meta_would_refuse_so_the_shape_tests_can_fail()
    {
        using var content = new StringContent(
            """{"messaging_product":"whatsapp","to":"62812","type":"interactive","interactive":{"type":"list","body":{"text":"x"},"action":{"button":"Pilih","sections":[{"rows":[{"id":"a","title":"A title longer than twenty-four"}]}]}}}""",
            System.Text.Encoding.UTF8,
            "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, _api.ApiBaseUrl + "/" + _api.PhoneNumberId + "/messages") { Content = content };
        request.Headers.Authorization = new("Bearer", _api.AccessToken);

        using var response = await _http.SendAsync(request);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(100, error.RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    private static OutboxMessage Message(OutboundMessage message) =>
        new(1, 1, WhatsAppSender.Channel, Owner, OutboxPriority.Interactive, message, Attempts: 0);

    private Task<SendResult> SendAsync(OutboundMessage message) => _sender.SendAsync(Message(message), CancellationToken.None);
}
