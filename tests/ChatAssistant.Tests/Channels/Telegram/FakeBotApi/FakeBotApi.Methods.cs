using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatAssistant.Tests.Channels.Telegram;

// The Bot API side of the fake: routing a request to its method, Telegram's answers and Telegram's refusals.
internal sealed partial class FakeBotApi
{
    private async Task HandleAsync(HttpContext context)
    {
        var at = _clock.Elapsed;
        var token = context.Request.RouteValues["token"] as string ?? string.Empty;
        var method = context.Request.RouteValues["method"] as string ?? string.Empty;
        try
        {
            var (request, body) = await BotApiRequest.ReadAsync(context.Request, context.RequestAborted);
            var call = new ApiCall(method, body, at, 0, request?.GetInt64("chat_id")) { Entrance = Array.IndexOf(_entrancePorts, context.Connection.LocalPort) };
            var reply = !string.Equals(token, _token, StringComparison.Ordinal) ? BotApiReply.Error(401, "Unauthorized")
                : request is null ? BotApiReply.Error(400, "Bad Request: can't parse JSON object")
                : await DispatchAsync(method, request, call, context.RequestAborted);

            // Recorded before answering, so a test that has the client's result also sees the call.
            Record(call with { StatusCode = reply.StatusCode });
            if (reply.StatusCode == 200 && string.Equals(method, "sendMessage", StringComparison.OrdinalIgnoreCase) && HeldAnswers() is { } held)
            {
                await held.WaitAsync(context.RequestAborted);
            }

            await WriteAsync(context, reply);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client went away mid-request; there is no one to answer.
        }
    }

    private async Task HandleUnknownPathAsync(HttpContext context)
    {
        var reply = BotApiReply.Error(404, "Not Found");
        Record(new ApiCall(context.Request.Path.Value ?? string.Empty, string.Empty, _clock.Elapsed, reply.StatusCode, null));
        await WriteAsync(context, reply);
    }

    private async Task<BotApiReply> DispatchAsync(string method, BotApiRequest request, ApiCall call, CancellationToken aborted)
    {
        // Bot API method names are case-insensitive.
        switch (method.ToUpperInvariant())
        {
            case "GETME":
                return BotApiReply.Ok(_bot);
            case "GETUPDATES":
                return await GetUpdatesAsync(request, aborted);
            case "SENDMESSAGE":
                return SendMessage(request, call);
            case "ANSWERCALLBACKQUERY":
                return AnswerCallbackQuery(request, call.At);
            case "EDITMESSAGEREPLYMARKUP":
                return EditMessage(request, editText: false);
            case "EDITMESSAGETEXT":
                return EditMessage(request, editText: true);
            case "SETMYCOMMANDS":
                return SetMyCommands(request);
            case "GETMYCOMMANDS":
                lock (_gate)
                {
                    return BotApiReply.Ok(_commands.GetValueOrDefault(CommandsKey(request), []));
                }

            case "DELETEMYCOMMANDS":
                lock (_gate)
                {
                    _commands.Remove(CommandsKey(request));
                    return BotApiReply.Ok(true);
                }

            case "SETWEBHOOK":
                return SetWebhook(request);
            case "DELETEWEBHOOK":
                lock (_gate)
                {
                    (_webhookUrl, _webhookSecret) = (null, null);
                }

                if (request.GetBoolean("drop_pending_updates"))
                {
                    _updates.Clear();
                }

                return BotApiReply.Ok(true);
            case "GETWEBHOOKINFO":
                return BotApiReply.Ok(new WebhookInfo { Url = WebhookUrl ?? string.Empty, PendingUpdateCount = _updates.Count });

            default:
                return BotApiReply.Error(404, "Not Found");
        }
    }

    private async Task<BotApiReply> GetUpdatesAsync(BotApiRequest request, CancellationToken aborted)
    {
        lock (_gate)
        {
            if (_webhookUrl is not null)
            {
                return BotApiReply.Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }
        }

        var offset = request.GetInt64("offset");
        var limit = Math.Clamp(request.GetInt32("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Max(0, request.GetInt32("timeout") ?? 0));

        // Like Telegram, a newer getUpdates ends a pending one with 409: two pollers for one bot are a bug.
        using var superseded = new CancellationTokenSource();
        CancellationTokenSource? previous;
        lock (_gate)
        {
            previous = _activePoll;
            _activePoll = superseded;
        }

        try
        {
            await (previous?.CancelAsync() ?? Task.CompletedTask);
        }
        catch (ObjectDisposedException)
        {
            // That poll has already finished.
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted, superseded.Token, _stopping.Token);
        var started = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                var batch = _updates.Take(offset, limit, out var arrival);
                var remaining = timeout - started.Elapsed;
                if (batch.Length > 0 || remaining <= TimeSpan.Zero)
                {
                    return BotApiReply.OkUpdates(batch);
                }

                ChangeParkedPolls(+1);
                try
                {
                    await arrival.WaitAsync(remaining, wait.Token);
                }
                catch (TimeoutException)
                {
                    // The long poll's time is up: one last look, then an empty batch.
                }
                finally
                {
                    ChangeParkedPolls(-1);
                }
            }
        }
        catch (OperationCanceledException) when (superseded.IsCancellationRequested && !aborted.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            return BotApiReply.Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        }
        catch (OperationCanceledException)
        {
            return BotApiReply.Ok(Array.Empty<Update>());
        }
        finally
        {
            lock (_gate)
            {
                if (_activePoll == superseded)
                {
                    _activePoll = null;
                }
            }
        }
    }

    private BotApiReply SendMessage(BotApiRequest request, ApiCall call)
    {
        var failure = SendFailures?.Invoke(call);
        if (failure is { DropConnection: false })
        {
            return failure.JsonBody
                ? BotApiReply.Error(failure.StatusCode, failure.Description, failure.RetryAfter)
                : BotApiReply.Raw(failure.StatusCode, "text/html", failure.Description);
        }

        if (failure is { Delivered: false })
        {
            return BotApiReply.Dropped;
        }

        if (call.ChatId is not { } chatId)
        {
            return BotApiReply.Error(400, request.Has("chat_id") ? "Bad Request: chat not found" : "Bad Request: chat_id is empty");
        }

        lock (_gate)
        {
            if (_blocked.Contains(chatId))
            {
                return BotApiReply.Error(403, "Forbidden: bot was blocked by the user");
            }
        }

        var text = request.GetString("text");
        if (string.IsNullOrEmpty(text))
        {
            return BotApiReply.Error(400, "Bad Request: message text is empty");
        }

        var parseMode = request.GetString("parse_mode");
        var (visible, markupError) = TelegramMarkup.Render(text, parseMode);
        if (markupError is not null)
        {
            return BotApiReply.Error(400, markupError);
        }

        if (string.IsNullOrWhiteSpace(visible))
        {
            return BotApiReply.Error(400, "Bad Request: message text is empty");
        }

        if (visible.Length > MaxMessageLength)
        {
            return BotApiReply.Error(400, "Bad Request: message is too long");
        }

        var (keyboard, markupJson, keyboardError) = ReadReplyMarkup(request);
        if (keyboardError is not null)
        {
            return BotApiReply.Error(400, keyboardError);
        }

        Message message;
        lock (_gate)
        {
            var now = Now();
            message = NewMessage(chatId, _bot, now);
            message.Text = visible;
            message.ReplyMarkup = keyboard;
            _botMessages[(chatId, message.Id)] = new StoredMessage(now, visible, keyboard);
            _sent.Add(new SentMessage(chatId, message.Id, text, visible, parseMode, Rows(keyboard), markupJson, call.At));
            Signal();
        }

        return failure is { Delivered: true } ? BotApiReply.Dropped : BotApiReply.Ok(message);
    }

    private BotApiReply AnswerCallbackQuery(BotApiRequest request, TimeSpan at)
    {
        var queryId = request.GetString("callback_query_id") ?? string.Empty;
        lock (_gate)
        {
            // A query can be answered once; Telegram refuses a second answer like an unknown or expired one.
            if (!_openCallbackQueries.Remove(queryId, out var updateId))
            {
                return BotApiReply.Error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
            }

            _callbackAnswers.Add(new CallbackAnswer(updateId, queryId, request.GetString("text"), request.GetBoolean("show_alert"), at));
            return BotApiReply.Ok(true);
        }
    }

    private BotApiReply EditMessage(BotApiRequest request, bool editText)
    {
        if (request.Has("inline_message_id"))
        {
            return BotApiReply.Error(400, "Bad Request: inline messages are not supported by the fake Bot API");
        }

        var chatId = request.GetInt64("chat_id");
        var messageId = request.GetInt32("message_id");
        if (chatId is null || messageId is null)
        {
            return BotApiReply.Error(400, chatId is null ? "Bad Request: chat_id is empty" : "Bad Request: message identifier is not specified");
        }

        string? newText = null;
        if (editText)
        {
            var text = request.GetString("text");
            var (visible, markupError) = string.IsNullOrEmpty(text) ? (null, "Bad Request: message text is empty") : TelegramMarkup.Render(text, request.GetString("parse_mode"));
            if (markupError is not null)
            {
                return BotApiReply.Error(400, markupError);
            }

            newText = visible;
        }

        // Without reply_markup, both edits leave the message with no inline keyboard, as on Telegram.
        var (keyboard, _, keyboardError) = ReadReplyMarkup(request);
        if (keyboardError is not null)
        {
            return BotApiReply.Error(400, keyboardError);
        }

        lock (_gate)
        {
            if (!_botMessages.TryGetValue((chatId.Value, messageId.Value), out var stored))
            {
                return BotApiReply.Error(400, "Bad Request: message to edit not found");
            }

            var sameText = newText is null || newText == stored.Text;
            if (sameText && SameKeyboard(stored.Keyboard, keyboard))
            {
                return BotApiReply.Error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
            }

            stored.Text = newText ?? stored.Text;
            stored.Keyboard = keyboard;
            var edited = NewMessageShape(chatId.Value, messageId.Value, _bot, stored.Date);
            edited.EditDate = Now();
            edited.Text = stored.Text;
            edited.ReplyMarkup = keyboard;
            return BotApiReply.Ok(edited);
        }
    }

    private BotApiReply SetMyCommands(BotApiRequest request)
    {
        var commands = request.Deserialize<BotCommand[]>("commands");
        if (commands is null)
        {
            return BotApiReply.Error(400, "Bad Request: can't parse commands JSON object");
        }

        // Telegram's rule: 1-32 characters, lowercase English letters, digits and underscores, no leading slash.
        if (commands.Any(command => command.Command is not { Length: >= 1 and <= 32 } name || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')))
        {
            return BotApiReply.Error(400, "Bad Request: BOT_COMMAND_INVALID");
        }

        if (commands.Any(command => command.Description is not { Length: >= 1 and <= 256 }))
        {
            return BotApiReply.Error(400, "Bad Request: command description must be non-empty");
        }

        lock (_gate)
        {
            if (commands.Length == 0)
            {
                _commands.Remove(CommandsKey(request));
            }
            else
            {
                _commands[CommandsKey(request)] = commands;
            }
        }

        return BotApiReply.Ok(true);
    }

    private BotApiReply SetWebhook(BotApiRequest request)
    {
        var url = request.GetString("url") ?? string.Empty;
        var secret = request.GetString("secret_token");

        // Telegram demands https on 443/80/88/8443; the fake takes any http(s) URL so an app on 127.0.0.1 can be the target.
        if (url.Length > 0 && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return BotApiReply.Error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        }

        if (secret is not null && (secret.Length is < 1 or > 256 || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            return BotApiReply.Error(400, "Bad Request: secret token contains unallowed characters");
        }

        if (request.GetBoolean("drop_pending_updates"))
        {
            _updates.Clear();
        }

        lock (_gate)
        {
            // An empty URL removes the webhook, as on Telegram.
            (_webhookUrl, _webhookSecret) = url.Length == 0 ? (null, null) : (url, secret);
        }

        return BotApiReply.Ok(true);
    }

    /// <summary>The inline keyboard of reply_markup (null for none or another kind of markup), the raw JSON, or an error.</summary>
    private static (InlineKeyboardMarkup? Keyboard, string? Json, string? Error) ReadReplyMarkup(BotApiRequest request)
    {
        if (!request.Has("reply_markup"))
        {
            return (null, null, null);
        }

        if (request.GetJson("reply_markup") is not { ValueKind: JsonValueKind.Object } markup)
        {
            return (null, null, "Bad Request: can't parse reply keyboard markup JSON object");
        }

        var json = markup.GetRawText();
        if (!markup.TryGetProperty("inline_keyboard", out _))
        {
            return (null, json, null);
        }

        var keyboard = request.Deserialize<InlineKeyboardMarkup>("reply_markup");
        if (keyboard is null)
        {
            return (null, json, "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object");
        }

        foreach (var button in keyboard.InlineKeyboard.SelectMany(row => row))
        {
            if (string.IsNullOrEmpty(button.Text))
            {
                return (null, json, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
            }

            if (button.CallbackData is { } data && Encoding.UTF8.GetByteCount(data) is 0 or > MaxCallbackDataBytes)
            {
                return (null, json, "Bad Request: BUTTON_DATA_INVALID");
            }
        }

        return (keyboard, json, null);
    }

    private static bool SameKeyboard(InlineKeyboardMarkup? current, InlineKeyboardMarkup? next) =>
        (Rows(current).Count == 0 && Rows(next).Count == 0)
        || JsonSerializer.Serialize(current, JsonBotAPI.Options) == JsonSerializer.Serialize(next, JsonBotAPI.Options);

    /// <summary>Commands are kept per scope and language_code; a scope other than the default is keyed by its JSON.</summary>
    private static (string Scope, string Language) CommandsKey(BotApiRequest request)
    {
        var scope = request.GetJson("scope") is { ValueKind: JsonValueKind.Object } json
            && !(json.TryGetProperty("type", out var type) && type.ValueEquals("default"))
                ? json.GetRawText()
                : "default";
        return (scope, request.GetString("language_code") ?? string.Empty);
    }

    private static async Task WriteAsync(HttpContext context, BotApiReply reply)
    {
        if (reply.DropConnection)
        {
            // A reset with no answer. The client gets a RequestException around an HttpRequestException, after exactly
            // one attempt: HttpClient does not resend it (A_dropped_connection_... in FakeBotApiTests checks both).
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = reply.ContentType;
        if (reply.Bytes is { } bytes)
        {
            await context.Response.Body.WriteAsync(bytes);
            return;
        }

        await context.Response.WriteAsync(reply.Body);
    }
}
