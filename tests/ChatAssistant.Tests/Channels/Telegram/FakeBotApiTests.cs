using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>The REAL Telegram.Bot client against the test project's own Bot API server, method by method.</summary>
public sealed class FakeBotApiTests
{
    private const string Token = "123456789:AAH-fake-token-for-tests_0123456789ab";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The channel turns the client's own 429 retry off (threshold 0) and handles retry_after itself.</summary>
    private static TelegramBotClient Client(FakeBotApi api, int retryThreshold = 0) =>
        new(new TelegramBotClientOptions(Token, baseUrl: api.BaseUrl) { RetryThreshold = retryThreshold });

    [Fact]
    public async Task GetMe_returns_the_bot_whose_id_is_the_token_prefix()
    {
        await using var api = await FakeBotApi.StartAsync(Token);

        var me = await Client(api).GetMe();

        Assert.StartsWith("http://127.0.0.1:", api.BaseUrl, StringComparison.Ordinal);
        Assert.Equal(123456789, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal(api.Bot.Username, me.Username);
        var call = Assert.Single(api.Calls);
        Assert.Equal(("getMe", 200, ""), (call.Method, call.StatusCode, call.Body));
    }

    [Fact]
    public async Task An_unknown_token_is_refused_with_401()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var stranger = new TelegramBotClient(new TelegramBotClientOptions("987654:not-this-bot", baseUrl: api.BaseUrl));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => stranger.GetMe());

        Assert.Equal(401, error.ErrorCode);
        Assert.Equal("Unauthorized", error.Message);
        Assert.Equal(401, Assert.Single(api.Calls).StatusCode);
    }

    [Fact]
    public async Task An_unknown_method_or_path_answers_404_with_ok_false_and_method_names_ignore_case()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        using var http = new HttpClient();

        using var unknownMethod = await http.PostAsync(new Uri($"{api.BaseUrl}/bot{Token}/sendTelepathy"), new StringContent("{}", Encoding.UTF8, "application/json"));
        using var unknownPath = await http.GetAsync(new Uri($"{api.BaseUrl}/file/bot{Token}/photos/1.jpg"));
        using var shouting = await http.PostAsync(new Uri($"{api.BaseUrl}/bot{Token}/GETME"), null);

        foreach (var response in new[] { unknownMethod, unknownPath })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(body.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal(404, body.RootElement.GetProperty("error_code").GetInt32());
        }

        Assert.Equal(HttpStatusCode.OK, shouting.StatusCode);
        Assert.Equal(["sendTelepathy", $"/file/bot{Token}/photos/1.jpg", "GETME"], api.Calls.Select(call => call.Method));
    }

    [Fact]
    public async Task Long_poll_returns_as_soon_as_an_update_arrives()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);
        var watch = Stopwatch.StartNew();

        var poll = bot.GetUpdates(timeout: 30);
        await api.WaitForLongPollAsync(Patience);
        var updateId = api.EnqueueText(42, "halo");
        var updates = await poll.WaitAsync(Patience);

        Assert.Equal(updateId, Assert.Single(updates).Id);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"The poll held on for {watch.Elapsed}.");
    }

    [Fact]
    public async Task Long_poll_with_nothing_to_deliver_returns_empty_when_its_timeout_ends()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var watch = Stopwatch.StartNew();

        var updates = await Client(api).GetUpdates(timeout: 1);

        Assert.Empty(updates);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), Patience);
    }

    [Fact]
    public async Task Offset_confirms_and_drops_earlier_updates()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);
        var a = api.EnqueueText(42, "a");
        var b = api.EnqueueText(42, "b");
        var c = api.EnqueueText(43, "c");

        Assert.Equal([a, b, c], (await bot.GetUpdates()).Select(update => (long)update.Id));
        Assert.Equal([a, b, c], (await bot.GetUpdates()).Select(update => (long)update.Id)); // nothing confirmed yet: delivered again
        Assert.Equal([b, c], (await bot.GetUpdates(offset: (int)b)).Select(update => (long)update.Id));
        Assert.Empty(await bot.GetUpdates(offset: (int)c + 1));
        var d = api.EnqueueText(42, "d");
        Assert.Equal([d], (await bot.GetUpdates()).Select(update => (long)update.Id));
        Assert.Equal(1, api.PendingUpdateCount);
    }

    [Fact]
    public async Task Limit_caps_a_batch_and_the_rest_waits_for_the_next_call()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);
        var ids = Enumerable.Range(1, 5).Select(i => api.EnqueueText(42, $"pesan {i}")).ToArray();

        var first = await bot.GetUpdates(limit: 2);
        var rest = await bot.GetUpdates(offset: first[^1].Id + 1, limit: 100, allowedUpdates: [UpdateType.Message]);

        Assert.Equal(ids[..2], first.Select(update => (long)update.Id));
        Assert.Equal(ids[2..], rest.Select(update => (long)update.Id));
    }

    [Fact]
    public async Task A_newer_getUpdates_ends_a_pending_one_with_409_like_Telegram()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);

        var first = bot.GetUpdates(timeout: 30);
        await api.WaitForLongPollAsync(Patience);
        var second = bot.GetUpdates(timeout: 1);

        var conflict = await Assert.ThrowsAsync<ApiRequestException>(() => first.WaitAsync(Patience));
        Assert.Equal(409, conflict.ErrorCode);
        Assert.Contains("terminated by other getUpdates request", conflict.Message, StringComparison.Ordinal);
        Assert.Empty(await second);
    }

    [Fact]
    public async Task Every_inbound_kind_reaches_the_real_client_as_its_own_type()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        api.EnqueueText(42, "halo", languageCode: "id", firstName: "Sari");
        api.EnqueuePhoto(42);
        api.EnqueueSticker(42);
        api.EnqueueVoice(42);
        api.EnqueueDocument(42);
        api.EnqueueLocation(42);
        api.EnqueueContact(42, "+6281234567890");
        api.EnqueueEditedText(42, 1, "halo lagi");
        api.EnqueueGroupText(-100123, "halo grup");

        var updates = await Client(api).GetUpdates();

        Assert.Equal(
            [MessageType.Text, MessageType.Photo, MessageType.Sticker, MessageType.Voice, MessageType.Document, MessageType.Location, MessageType.Contact],
            updates.Take(7).Select(update => update.Message!.Type));
        var text = updates[0].Message!;
        Assert.Equal((42, ChatType.Private, "Sari", "id", "halo"), (text.Chat.Id, text.Chat.Type, text.From!.FirstName, text.From.LanguageCode, text.Text));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], updates.Take(7).Select(update => update.Message!.Id));
        var contact = updates[6].Message!.Contact!;
        Assert.Equal(("+6281234567890", 42L, "Sari"), (contact.PhoneNumber, contact.UserId, contact.FirstName));
        var edited = updates[7];
        Assert.Equal(UpdateType.EditedMessage, edited.Type);
        Assert.Equal((1, "halo lagi"), (edited.EditedMessage!.Id, edited.EditedMessage.Text));
        Assert.NotNull(edited.EditedMessage.EditDate);
        var group = updates[8].Message!;
        Assert.Equal((-100123, ChatType.Group, FakeBotApi.GroupMemberUserId), (group.Chat.Id, group.Chat.Type, group.From!.Id));
    }

    [Fact]
    public async Task SendMessage_returns_per_chat_message_ids_and_records_every_message()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);
        api.EnqueueText(42, "halo");

        var first = await bot.SendMessage(42, "Satu");
        var second = await bot.SendMessage(42, "Dua");
        var elsewhere = await bot.SendMessage(43, "Satu");

        // The owner's own message took id 1 in chat 42: one counter per chat, both directions.
        Assert.Equal((2, 3, 1), (first.Id, second.Id, elsewhere.Id));
        Assert.Equal((42, "Dua", api.Bot.Id), (second.Chat.Id, second.Text, second.From!.Id));
        Assert.Equal([(42L, 2), (42L, 3), (43L, 1)], api.Sent.Select(sent => (sent.ChatId, sent.MessageId)));
        Assert.True(api.Sent[0].At <= api.Sent[1].At);
        var call = api.Calls.First(call => call.Method == "sendMessage");
        Assert.Equal((200, 42L), (call.StatusCode, call.ChatId));
        Assert.Equal("Satu", JsonDocument.Parse(call.Body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Inline_keyboard_round_trip_from_send_to_tap_to_answer_to_removal()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Ya", "s1:y"), InlineKeyboardButton.WithCallbackData("Tidak", "s1:n")]]);

        var question = await bot.SendMessage(42, "Punya NPWP?", replyMarkup: keyboard);
        var sent = await api.WaitForSentAsync(42, sent => sent.MessageId == question.Id, Patience);
        Assert.Equal([new SentButton("Ya", "s1:y", null), new SentButton("Tidak", "s1:n", null)], sent.Buttons);

        var updateId = api.EnqueueCallback(42, "s1:y", question.Id);
        var update = Assert.Single(await bot.GetUpdates());
        var tap = update.CallbackQuery!;
        Assert.Equal((updateId, "s1:y", 42L, question.Id, "Punya NPWP?"), ((long)update.Id, tap.Data, tap.From.Id, tap.Message!.Id, tap.Message.Text));
        Assert.Equal("s1:y", tap.Message.ReplyMarkup!.InlineKeyboard.First().First().CallbackData);

        await bot.AnswerCallbackQuery(tap.Id, "Tersimpan");
        Assert.Equal((updateId, "Tersimpan"), (Assert.Single(api.CallbackAnswers).UpdateId, api.CallbackAnswers[0].Text));
        var twice = await Assert.ThrowsAsync<ApiRequestException>(() => bot.AnswerCallbackQuery(tap.Id));
        Assert.Equal(400, twice.ErrorCode);

        var edited = await bot.EditMessageReplyMarkup(42, question.Id, replyMarkup: null);
        Assert.Null(edited.ReplyMarkup);
        Assert.Empty(api.KeyboardOf(42, question.Id));
        var notModified = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageReplyMarkup(42, question.Id));
        Assert.Contains("message is not modified", notModified.Message, StringComparison.Ordinal);

        var marked = await bot.EditMessageText(42, question.Id, "Punya NPWP? <b>Ya</b>", ParseMode.Html);
        Assert.Equal("Punya NPWP? Ya", marked.Text);
        Assert.Equal("Punya NPWP? Ya", api.TextOf(42, question.Id));
        var missing = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageText(42, 999, "x"));
        Assert.Equal("Bad Request: message to edit not found", missing.Message);
    }

    [Fact]
    public async Task Callback_data_over_64_bytes_is_refused_like_Telegram()
    {
        await using var api = await FakeBotApi.StartAsync(Token);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client(api).SendMessage(
            42, "Pilih", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Ya", new string('x', 65)))));

        Assert.Equal((400, "Bad Request: BUTTON_DATA_INVALID"), (error.ErrorCode, error.Message));
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task A_429_surfaces_as_ApiRequestException_with_retry_after_when_the_client_threshold_is_0()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        api.SendFailures = _ => FakeFailure.TooManyRequests(7);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client(api, retryThreshold: 0).SendMessage(42, "Halo"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(7, error.Parameters?.RetryAfter);
        Assert.Equal("Too Many Requests: retry after 7", error.Message);
        Assert.Equal(429, Assert.Single(api.Calls).StatusCode); // no retry by the client
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task With_its_default_threshold_the_client_itself_waits_out_a_429_and_retries()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        api.FailEveryNthSendWith429(2, retryAfterSeconds: 1);
        var bot = Client(api, retryThreshold: new TelegramBotClientOptions(Token).RetryThreshold);

        await bot.SendMessage(42, "Satu");
        await bot.SendMessage(42, "Dua");

        Assert.Equal([200, 429, 200], api.Calls.Select(call => call.StatusCode));
        Assert.True(api.Calls[2].At - api.Calls[1].At >= TimeSpan.FromSeconds(0.9));
        Assert.Equal(["Satu", "Dua"], api.Sent.Select(sent => sent.Text));
    }

    [Fact]
    public async Task FailEveryNthSendWith429_fails_exactly_every_nth_attempt()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        api.FailEveryNthSendWith429(3, retryAfterSeconds: 5);
        var bot = Client(api);
        var outcomes = new List<int>();

        for (var i = 1; i <= 6; i++)
        {
            try
            {
                await bot.SendMessage(42, $"Pesan {i}");
                outcomes.Add(200);
            }
            catch (ApiRequestException error)
            {
                outcomes.Add(error.ErrorCode);
                Assert.Equal(5, error.Parameters?.RetryAfter);
            }
        }

        Assert.Equal([200, 200, 429, 200, 200, 429], outcomes);
        Assert.Equal(4, api.Sent.Count);
    }

    [Fact]
    public async Task A_blocked_chat_gets_403_and_other_chats_still_get_their_messages()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);
        api.Block(77);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(77, "Halo"));
        await bot.SendMessage(78, "Halo");

        Assert.Equal((403, "Forbidden: bot was blocked by the user"), (error.ErrorCode, error.Message));
        Assert.Equal([78L], api.Sent.Select(sent => sent.ChatId));
        Assert.Equal([403, 200], api.Calls.Select(call => call.StatusCode));
    }

    [Fact]
    public async Task A_500_is_an_ApiRequestException_and_a_proxy_502_page_a_plain_RequestException()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);
        api.SendFailures = call => call.ChatId == 1 ? FakeFailure.ServerError() : FakeFailure.BadGateway();

        var serverError = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(1, "x"));
        var badGateway = await Assert.ThrowsAsync<RequestException>(() => bot.SendMessage(2, "x"));

        Assert.Equal(500, serverError.ErrorCode);
        Assert.Equal(HttpStatusCode.BadGateway, badGateway.HttpStatusCode);
        Assert.Equal([500, 502], api.Calls.Select(call => call.StatusCode));
    }

    [Fact]
    public async Task A_dropped_connection_is_a_RequestException_and_the_message_may_or_may_not_have_arrived()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);
        await bot.SendMessage(5, "Pemanasan"); // so the next request rides a reused connection
        var failures = new Queue<FakeFailure>([FakeFailure.ConnectionDrop(), FakeFailure.ConnectionDropAfterDelivery()]);
        api.SendFailures = _ =>
        {
            lock (failures)
            {
                return failures.TryDequeue(out var failure) ? failure : null;
            }
        };

        var lost = await Assert.ThrowsAsync<RequestException>(() => bot.SendMessage(5, "Hilang"));
        var delivered = await Assert.ThrowsAsync<RequestException>(() => bot.SendMessage(5, "Terkirim"));
        await bot.SendMessage(5, "Lagi");

        Assert.IsType<HttpRequestException>(lost.InnerException);
        Assert.Null(delivered.HttpStatusCode);
        Assert.Equal(["Pemanasan", "Terkirim", "Lagi"], api.Sent.Select(sent => sent.Text));
        Assert.Equal([200, 0, 0, 200], api.Calls.Select(call => call.StatusCode)); // each drop was one attempt: no silent retry
        Assert.True(api.Calls[1].ConnectionDropped);
    }

    [Fact]
    public async Task Markup_that_Telegram_cannot_parse_is_refused_and_escaped_text_shows_as_typed()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);

        var v2 = await bot.SendMessage(42, @"*Toko\_Sari* \[A\] \<1\> 50\.000\!", ParseMode.MarkdownV2);
        var html = await bot.SendMessage(42, "<b>&lt;Toko&gt;</b> A &amp; B_[*]", ParseMode.Html);
        var legacy = await bot.SendMessage(42, @"Toko\_Sari", ParseMode.Markdown); // legacy Markdown escapes only outside entities
        var plain = await bot.SendMessage(42, "Toko_Sari <b> [*]");
        var unescapedV2 = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(42, "Toko_Sari", ParseMode.MarkdownV2));
        var unescapedDot = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(42, "Omzet 50.000", ParseMode.MarkdownV2));
        var unescapedHtml = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(42, "Halo <Toko Sari>", ParseMode.Html));
        var unescapedLegacy = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(42, "Toko_Sari", ParseMode.Markdown));

        Assert.Equal(["Toko_Sari [A] <1> 50.000!", "<Toko> A & B_[*]", "Toko_Sari", "Toko_Sari <b> [*]"], api.Sent.Select(sent => sent.VisibleText));
        Assert.Equal(["Toko_Sari [A] <1> 50.000!", "<Toko> A & B_[*]", "Toko_Sari", "Toko_Sari <b> [*]"], new[] { v2, html, legacy, plain }.Select(message => message.Text));
        Assert.All(new[] { unescapedV2, unescapedDot, unescapedHtml, unescapedLegacy }, error =>
        {
            Assert.Equal(400, error.ErrorCode);
            Assert.StartsWith("Bad Request: can't parse entities: ", error.Message, StringComparison.Ordinal);
        });
        Assert.EndsWith("Can't find end of Italic entity at byte offset 4", unescapedV2.Message, StringComparison.Ordinal);
        Assert.EndsWith("Character '.' is reserved and must be escaped with the preceding '\\'", unescapedDot.Message, StringComparison.Ordinal);
        Assert.Contains("Unsupported start tag \"toko\"", unescapedHtml.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Texts_over_4096_characters_and_empty_texts_are_refused()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);

        await bot.SendMessage(42, new string('a', 4096));
        var tooLong = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(42, new string('a', 4097)));
        var empty = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(42, ""));

        Assert.Equal("Bad Request: message is too long", tooLong.Message);
        Assert.Equal("Bad Request: message text is empty", empty.Message);
        Assert.Single(api.Sent);
    }

    [Fact]
    public async Task SetMyCommands_is_kept_per_language()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);

        await bot.SetMyCommands([new BotCommand("mulai", "Mulai percakapan"), new BotCommand("bantuan", "Bantuan")], languageCode: "id");
        await bot.SetMyCommands([new BotCommand("start", "Start a conversation")], languageCode: "en");
        await bot.SetMyCommands([new BotCommand("start", "Mulai")]);
        var invalid = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SetMyCommands([new BotCommand("/Start", "Mulai")]));

        Assert.Equal(["mulai", "bantuan"], (await bot.GetMyCommands(languageCode: "id")).Select(command => command.Command));
        Assert.Equal(["Start a conversation"], (await bot.GetMyCommands(languageCode: "en")).Select(command => command.Description));
        Assert.Equal(["Mulai"], (await bot.GetMyCommands()).Select(command => command.Description));
        Assert.Empty(await bot.GetMyCommands(languageCode: "fr"));
        Assert.Equal(["mulai", "bantuan"], api.CommandsFor("id").Select(command => command.Command));
        Assert.Equal(400, invalid.ErrorCode);
    }

    [Fact]
    public async Task A_webhook_blocks_getUpdates_with_409_until_deleted_and_can_drop_pending_updates()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);
        const string url = "http://127.0.0.1:9/telegram/webhook";
        api.EnqueueText(42, "sebelum webhook");

        await bot.SetWebhook(url, secretToken: "rahasia_123");
        var info = await bot.GetWebhookInfo();
        var conflict = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetUpdates());

        Assert.Equal((url, 1), (info.Url, info.PendingUpdateCount));
        Assert.Equal((url, "rahasia_123"), (api.WebhookUrl, api.WebhookSecret));
        Assert.Equal(409, conflict.ErrorCode);
        Assert.Contains("webhook is active", conflict.Message, StringComparison.Ordinal);

        await bot.DeleteWebhook();
        Assert.Equal("", (await bot.GetWebhookInfo()).Url);
        Assert.Single(await bot.GetUpdates()); // pending updates survive a plain delete

        await bot.SetWebhook(url, dropPendingUpdates: true);
        await bot.DeleteWebhook();
        Assert.Empty(await bot.GetUpdates());
    }

    [Fact]
    public async Task PostToWebhookAsync_posts_an_update_with_the_secret_header_like_Telegram()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var received = new List<Update>();
        await using var app = await StartWebhookReceiverAsync("rahasia_123", received);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/telegram/webhook";

        using var accepted = await api.PostToWebhookAsync(url, "rahasia_123", 42, "halo");
        using var wrongSecret = await api.PostToWebhookAsync(url, "salah", 42, "bukan Telegram");
        using var noSecret = await api.PostToWebhookAsync(url, null, 42, "bukan Telegram");
        await Client(api).SetWebhook(url, secretToken: "rahasia_123");
        using var viaRegistered = await api.PostToWebhookAsync(42, "lagi");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            new[] { accepted, wrongSecret, noSecret, viaRegistered }.Select(response => response.StatusCode));
        lock (received)
        {
            Assert.Equal(["halo", "lagi"], received.Select(update => update.Message!.Text));
            Assert.All(received, update => Assert.Equal(42, update.Message!.Chat.Id));
            Assert.True(received[1].Id > received[0].Id);
        }
    }

    [Fact]
    public async Task Many_chats_sending_at_once_each_get_their_own_ids_in_order()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);

        await Task.WhenAll(Enumerable.Range(1, 50).Select(async chat =>
        {
            for (var i = 1; i <= 10; i++)
            {
                var message = await bot.SendMessage(chat, $"Pesan {i}");
                Assert.Equal(i, message.Id);
            }
        }));

        await api.WaitForSentCountAsync(500, Patience);
        Assert.All(api.Sent.GroupBy(sent => sent.ChatId), chat =>
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"Pesan {i}"), chat.Select(sent => sent.Text)));
    }

    [Fact]
    public async Task WaitForSentAsync_waits_for_a_matching_message_and_times_out_with_what_was_sent()
    {
        await using var api = await FakeBotApi.StartAsync(Token);
        var bot = Client(api);

        var waiting = api.WaitForSentAsync(42, sent => sent.Text == "Dua", Patience);
        Assert.False(waiting.IsCompleted);
        await bot.SendMessage(42, "Satu");
        await bot.SendMessage(42, "Dua");

        Assert.Equal(2, (await waiting).MessageId);
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => api.WaitForSentAsync(42, sent => sent.Text == "Tiga", TimeSpan.FromMilliseconds(100)));
        Assert.Contains("Satu | Dua", timeout.Message, StringComparison.Ordinal);
        await api.WaitForCallAsync(call => call.Method == "sendMessage" && call.StatusCode == 200, Patience);
    }

    /// <summary>A stand-in for the app's webhook endpoint: 401 on a wrong secret, otherwise the update is kept.</summary>
    private static async Task<WebApplication> StartWebhookReceiverAsync(string secret, List<Update> received)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/telegram/webhook", (RequestDelegate)(async context =>
        {
            if (context.Request.Headers["X-Telegram-Bot-Api-Secret-Token"] != secret)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            var update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options);
            lock (received)
            {
                received.Add(update!);
            }
        }));
        await app.StartAsync();
        return app;
    }
}
