using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// The test project's own Telegram Bot API server: Kestrel on 127.0.0.1, a free port, answering the methods the
/// channel uses with Telegram.Bot's own types and JSON options, so the real <see cref="TelegramBotClient"/> reaches
/// it through <c>new TelegramBotClientOptions(token, baseUrl: api.BaseUrl)</c> exactly as it reaches Telegram.
/// Tests play the owners (Enqueue*), read what the bot sent (<see cref="Sent"/>, <see cref="Calls"/>) and inject
/// Telegram's failures (429, 5xx, dropped connections, a blocked owner). Thread-safe.
/// </summary>
internal sealed partial class FakeBotApi : IAsyncDisposable
{
    /// <summary>The sender of <see cref="EnqueueGroupText"/> messages.</summary>
    public const long GroupMemberUserId = 9_000_001;

    private const int MaxMessageLength = 4096;
    private const int MaxCallbackDataBytes = 64;

    private readonly string _token;
    private readonly WebApplication _app;
    private readonly User _bot;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly UpdateQueue _updates = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _webhookClient = new();
    private readonly Lock _gate = new();

    // Everything below is guarded by _gate. Lock order: UpdateQueue's lock, then _gate (an update is built under both).
    private readonly List<SentMessage> _sent = [];
    private readonly List<ApiCall> _calls = [];
    private readonly List<CallbackAnswer> _callbackAnswers = [];
    private readonly Dictionary<(long Chat, int Message), StoredMessage> _botMessages = [];
    private readonly Dictionary<long, int> _lastMessageId = [];
    private readonly Dictionary<long, User> _owners = [];
    private readonly Dictionary<string, long> _openCallbackQueries = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scope, string Language), BotCommand[]> _commands = [];
    private readonly HashSet<long> _blocked = [];
    private int[] _entrancePorts = [];
    private string? _webhookUrl;
    private string? _webhookSecret;
    private int _parkedPolls;
    private CancellationTokenSource? _activePoll;
    private TaskCompletionSource _changed = NewSignal();
    private Func<ApiCall, FakeFailure?>? _sendFailures;
    private TaskCompletionSource? _answersHeld;

    private FakeBotApi(string token, WebApplication app)
    {
        _token = token;
        _app = app;
        var botId = long.Parse(token.AsSpan(0, token.IndexOf(':', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        _bot = new User { Id = botId, IsBot = true, FirstName = "Asisten Usaha", Username = "asisten_usaha_test_bot", CanJoinGroups = true };
    }

    /// <summary>http://127.0.0.1:{port}, for <c>TelegramBotClientOptions.baseUrl</c> (and the app's <c>Telegram:ApiBaseUrl</c>).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Now on the server's stopwatch, the clock of <see cref="ApiCall.At"/> and <see cref="SentMessage.At"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// The server's base URLs, one per port it listens on (<see cref="BaseUrl"/> first): a client given its own tells
    /// the test which of several worker processes made a call (<see cref="ApiCall.Entrance"/>). Telegram.Bot keeps only
    /// the scheme and host of a base URL, so a port, not a path, is what tells clients apart.
    /// </summary>
    public IReadOnlyList<string> Entrances { get; private set; } = [];

    /// <summary>The bot that getMe returns; its id is the number before the token's colon, as with Telegram.</summary>
    public User Bot => _bot;

    /// <summary>Every message accepted by sendMessage, in the order accepted.</summary>
    public IReadOnlyList<SentMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent.ToArray();
            }
        }
    }

    /// <summary>Every request, failed ones included, in the order answered (<see cref="ApiCall.At"/> is the arrival time).</summary>
    public IReadOnlyList<ApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>Every accepted answerCallbackQuery.</summary>
    public IReadOnlyList<CallbackAnswer> CallbackAnswers
    {
        get
        {
            lock (_gate)
            {
                return _callbackAnswers.ToArray();
            }
        }
    }

    /// <summary>Updates not yet confirmed by a getUpdates offset.</summary>
    public int PendingUpdateCount => _updates.Count;

    /// <summary>The webhook URL set by setWebhook, or null.</summary>
    public string? WebhookUrl
    {
        get
        {
            lock (_gate)
            {
                return _webhookUrl;
            }
        }
    }

    /// <summary>The secret_token given to setWebhook, or null.</summary>
    public string? WebhookSecret
    {
        get
        {
            lock (_gate)
            {
                return _webhookSecret;
            }
        }
    }

    /// <summary>
    /// Consulted for each sendMessage attempt (the call has <see cref="ApiCall.StatusCode"/> 0 then); a non-null
    /// failure is answered instead of delivering the message. Checked before <see cref="Block"/> and before validation.
    /// </summary>
    public Func<ApiCall, FakeFailure?>? SendFailures
    {
        get
        {
            lock (_gate)
            {
                return _sendFailures;
            }
        }

        set
        {
            lock (_gate)
            {
                _sendFailures = value;
            }
        }
    }

    /// <param name="token">The bot's token.</param>
    /// <param name="entrances">Ports to listen on, all the same server (see <see cref="Entrances"/>).</param>
    public static async Task<FakeBotApi> StartAsync(string token, int entrances = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        if (token.IndexOf(':', StringComparison.Ordinal) is < 1)
        {
            throw new ArgumentException("A bot token looks like 123456:ABC...", nameof(token));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(FakeBotApi).Assembly.GetName().Name });
        builder.Logging.ClearProviders();

        // An explicit endpoint wins over ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS that a container may set.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var i = 0; i < entrances; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var api = new FakeBotApi(token, app);
        app.Map("/bot{token}/{method}", (RequestDelegate)api.HandleAsync);
        // "{**path}" rather than the default fallback pattern, which skips paths that look like files (file downloads).
        app.MapFallback("{**path}", (RequestDelegate)api.HandleUnknownPathAsync);
        await app.StartAsync();

        api.Entrances = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(address => address.TrimEnd('/')).ToArray();
        api._entrancePorts = api.Entrances.Select(address => new Uri(address).Port).ToArray();
        api.BaseUrl = api.Entrances[0];
        return api;
    }

    /// <summary>An owner types a message in the private chat <paramref name="chatId"/> (the owner's user id, as in Telegram).</summary>
    /// <returns>The update_id.</returns>
    public long EnqueueText(long chatId, string text, string? languageCode = null, string firstName = "Owner")
    {
        User owner;
        lock (_gate)
        {
            owner = new User { Id = chatId, FirstName = firstName, LanguageCode = languageCode };
            _owners[chatId] = owner;
        }

        return EnqueueMessage(chatId, owner, message => message.Text = text);
    }

    /// <summary>
    /// The owner taps an inline button of the bot's message <paramref name="messageId"/>. The callback query id is
    /// new for each tap; <see cref="CallbackAnswers"/> ties its answer back to the returned update_id. With
    /// <paramref name="fromUserId"/> someone else is the sender (what only a forged update could carry in a private chat).
    /// </summary>
    public long EnqueueCallback(long chatId, string data, int messageId, long? fromUserId = null) => _updates.Add(id =>
    {
        lock (_gate)
        {
            var queryId = "cq" + id.ToString(CultureInfo.InvariantCulture);
            _openCallbackQueries[queryId] = id;
            _botMessages.TryGetValue((chatId, messageId), out var stored);
            return new Update
            {
                Id = id,
                CallbackQuery = new CallbackQuery
                {
                    Id = queryId,
                    From = fromUserId is { } from ? new User { Id = from, FirstName = "Someone else" } : OwnerOf(chatId),
                    ChatInstance = "ci" + chatId.ToString(CultureInfo.InvariantCulture),
                    Data = data,
                    Message = new Message
                    {
                        Id = messageId,
                        Date = stored?.Date ?? Now(),
                        Chat = ChatOf(chatId),
                        From = _bot,
                        Text = stored?.Text,
                        ReplyMarkup = stored?.Keyboard,
                    },
                },
            };
        }
    });

    /// <summary>
    /// Queues an update as the bytes <paramref name="build"/> makes for its update_id, as Telegram would send them
    /// and Telegram.Bot could not write: a lone surrogate, bytes that are not UTF-8, a field of the wrong type, a
    /// message without its chat. With <paramref name="id"/> the update gets that id and later ones go on from it.
    /// </summary>
    /// <returns>The update_id.</returns>
    public long EnqueueRaw(Func<long, byte[]> build, long? id = null) => _updates.AddRaw(build, id);

    /// <summary>POSTs these bytes to the webhook that setWebhook registered, with its secret, as Telegram would.</summary>
    /// <summary>A body from which a poster waits for the server's go-ahead before sending it (<c>Expect: 100-continue</c>).</summary>
    public const int LargeBody = 1024 * 1024;

    public async Task<HttpResponseMessage> PostRawToWebhookAsync(byte[] body)
    {
        string url;
        string? secret;
        lock (_gate)
        {
            url = _webhookUrl ?? throw new InvalidOperationException("No webhook is set.");
            secret = _webhookSecret;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        // As curl does for a large body: a refusal (413) then comes before the body instead of a broken pipe midway.
        request.Headers.ExpectContinue = body.Length > LargeBody;
        return await _webhookClient.SendAsync(request);
    }

    public long EnqueuePhoto(long chatId) => EnqueueMessage(chatId, null, message => message.Photo =
    [
        new PhotoSize { FileId = FileId(chatId, "photo-s"), FileUniqueId = "ph-s", Width = 90, Height = 90, FileSize = 1_200 },
        new PhotoSize { FileId = FileId(chatId, "photo-m"), FileUniqueId = "ph-m", Width = 800, Height = 800, FileSize = 64_000 },
    ]);

    public long EnqueueSticker(long chatId) => EnqueueMessage(chatId, null, message => message.Sticker = new Sticker
    {
        FileId = FileId(chatId, "sticker"),
        FileUniqueId = "st",
        Type = StickerType.Regular,
        Width = 512,
        Height = 512,
        Emoji = "👍",
    });

    public long EnqueueVoice(long chatId) => EnqueueMessage(chatId, null, message => message.Voice = new Voice
    {
        FileId = FileId(chatId, "voice"),
        FileUniqueId = "vo",
        Duration = 4,
        MimeType = "audio/ogg",
    });

    public long EnqueueDocument(long chatId) => EnqueueMessage(chatId, null, message => message.Document = new Document
    {
        FileId = FileId(chatId, "document"),
        FileUniqueId = "doc",
        FileName = "laporan-keuangan.pdf",
        MimeType = "application/pdf",
    });

    /// <summary>A location in Jakarta.</summary>
    public long EnqueueLocation(long chatId) => EnqueueMessage(chatId, null, message => message.Location = new Location { Latitude = -6.2088, Longitude = 106.8456 });

    /// <summary>The owner shares their own contact (a request_contact button does this), so <c>user_id</c> is the owner.</summary>
    public long EnqueueContact(long chatId, string phone) => EnqueueMessage(chatId, null, message =>
        message.Contact = new Contact { PhoneNumber = phone, FirstName = message.From!.FirstName, UserId = chatId });

    /// <summary>The owner edits their earlier message <paramref name="messageId"/>: an <c>edited_message</c> update.</summary>
    public long EnqueueEditedText(long chatId, int messageId, string text) => _updates.Add(id =>
    {
        lock (_gate)
        {
            var now = Now();
            return new Update
            {
                Id = id,
                EditedMessage = new Message
                {
                    Id = messageId,
                    Date = now.AddMinutes(-1),
                    EditDate = now,
                    Chat = ChatOf(chatId),
                    From = OwnerOf(chatId),
                    Text = text,
                },
            };
        }
    });

    /// <summary>Someone (<see cref="GroupMemberUserId"/>) writes in a group the bot was added to.</summary>
    public long EnqueueGroupText(long groupChatId, string text)
    {
        var member = new User { Id = GroupMemberUserId, FirstName = "Anggota Grup" };
        return EnqueueMessage(groupChatId, member, message => message.Text = text);
    }

    /// <summary>Telegram answers 403 "Forbidden: bot was blocked by the user" to every send to this chat from now on.</summary>
    public void Block(long chatId)
    {
        lock (_gate)
        {
            _blocked.Add(chatId);
        }
    }

    /// <summary>
    /// From now on each sendMessage that delivers its message is answered only at <see cref="ReleaseAnswers"/> or
    /// never (the client goes away): the sends a test's kill finds on the wire, delivered but not known to the
    /// sender to be. Failures (429, 403...) are still answered at once.
    /// </summary>
    public void HoldAnswers()
    {
        lock (_gate)
        {
            _answersHeld ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Answers the held sends (of a client still there) and stops holding.</summary>
    public void ReleaseAnswers()
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            held = _answersHeld;
            _answersHeld = null;
        }

        held?.TrySetResult();
    }

    private Task? HeldAnswers()
    {
        lock (_gate)
        {
            return _answersHeld?.Task;
        }
    }

    /// <summary>Every <paramref name="n"/>th sendMessage attempt (counting from now, failed ones included) gets a 429.</summary>
    public void FailEveryNthSendWith429(int n, int retryAfterSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var attempts = 0;
        SendFailures = _ => Interlocked.Increment(ref attempts) % n == 0 ? FakeFailure.TooManyRequests(retryAfterSeconds) : null;
    }

    /// <summary>The current inline keyboard of a message the bot sent (after edits), empty when removed.</summary>
    public IReadOnlyList<IReadOnlyList<SentButton>> KeyboardOf(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _botMessages.TryGetValue((chatId, messageId), out var stored)
                ? Rows(stored.Keyboard)
                : throw new KeyNotFoundException(Invariant($"The bot sent no message {messageId} to chat {chatId}."));
        }
    }

    /// <summary>The current visible text of a message the bot sent (after edits).</summary>
    public string TextOf(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _botMessages.TryGetValue((chatId, messageId), out var stored)
                ? stored.Text
                : throw new KeyNotFoundException(Invariant($"The bot sent no message {messageId} to chat {chatId}."));
        }
    }

    /// <summary>The commands set for this language (null: the default, no language_code) and the default scope.</summary>
    public IReadOnlyList<BotCommand> CommandsFor(string? languageCode)
    {
        lock (_gate)
        {
            return _commands.TryGetValue(("default", languageCode ?? string.Empty), out var commands) ? commands : [];
        }
    }

    /// <summary>The commands set for one chat (scope <c>chat</c>), e.g. an operator's own menu.</summary>
    public IReadOnlyList<BotCommand> CommandsForChat(long chatId)
    {
        lock (_gate)
        {
            foreach (var ((scope, _), commands) in _commands)
            {
                if (scope != "default" && JsonDocument.Parse(scope).RootElement is var json
                    && json.TryGetProperty("type", out var type) && type.ValueEquals("chat")
                    && json.TryGetProperty("chat_id", out var chat) && chat.ValueKind == JsonValueKind.Number && chat.GetInt64() == chatId)
                {
                    return commands;
                }
            }

            return [];
        }
    }

    /// <summary>The first message sent to <paramref name="chatId"/> that matches, waiting for it if need be.</summary>
    /// <exception cref="TimeoutException">None came in time; the message lists what was sent to that chat.</exception>
    public async Task<SentMessage> WaitForSentAsync(long chatId, Func<SentMessage, bool>? match, TimeSpan timeout)
    {
        SentMessage? found = null;
        await WaitUntilAsync(
            () => (found = _sent.Find(sent => sent.ChatId == chatId && (match is null || match(sent)))) is not null,
            timeout,
            () => Invariant($"No matching message was sent to chat {chatId} within {timeout}. Sent to it: ")
                + string.Join(" | ", _sent.Where(sent => sent.ChatId == chatId).Select(sent => sent.VisibleText)));
        return found!;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have been accepted in all.</summary>
    public Task WaitForSentCountAsync(int count, TimeSpan timeout) => WaitUntilAsync(
        () => _sent.Count >= count,
        timeout,
        () => Invariant($"Expected {count} sent messages within {timeout}, got {_sent.Count}."));

    /// <summary>The first request that matches, waiting for it if need be (answerCallbackQuery, editMessageReplyMarkup...).</summary>
    public async Task<ApiCall> WaitForCallAsync(Func<ApiCall, bool> match, TimeSpan timeout)
    {
        ApiCall? found = null;
        await WaitUntilAsync(
            () => (found = _calls.Find(call => match(call))) is not null,
            timeout,
            () => Invariant($"No matching call within {timeout}. Calls: ") + string.Join(", ", _calls.Select(call => Invariant($"{call.Method}={call.StatusCode}"))));
        return found!;
    }

    /// <summary>Waits until a getUpdates long poll is parked here with nothing to return, so a test knows the next update wakes it.</summary>
    public Task WaitForLongPollAsync(TimeSpan timeout) => WaitUntilAsync(
        () => _parkedPolls > 0,
        timeout,
        () => Invariant($"No getUpdates long poll was waiting within {timeout}."));

    /// <summary>POSTs a text update to the webhook that setWebhook registered, with its secret, as Telegram does.</summary>
    public Task<HttpResponseMessage> PostToWebhookAsync(long chatId, string text)
    {
        string url;
        string? secret;
        lock (_gate)
        {
            url = _webhookUrl ?? throw new InvalidOperationException("No webhook is set.");
            secret = _webhookSecret;
        }

        return PostToWebhookAsync(url, secret, chatId, text);
    }

    /// <summary>
    /// POSTs a JSON text update to an app's webhook like Telegram does: the header
    /// <c>X-Telegram-Bot-Api-Secret-Token</c> when <paramref name="secretToken"/> is given. The update gets the next
    /// update_id and is not queued for getUpdates.
    /// </summary>
    public async Task<HttpResponseMessage> PostToWebhookAsync(string url, string? secretToken, long chatId, string text)
    {
        Message message;
        lock (_gate)
        {
            message = NewMessage(chatId, OwnerOf(chatId), Now());
            message.Text = text;
        }

        var update = new Update { Id = (int)_updates.NextId(), Message = message };

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(update, options: JsonBotAPI.Options) };
        if (secretToken is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secretToken);
        }

        return await _webhookClient.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        // Parked long polls return at once instead of holding the shutdown for their timeout.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _webhookClient.Dispose();
        _stopping.Dispose();
    }

    private static IReadOnlyList<IReadOnlyList<SentButton>> Rows(InlineKeyboardMarkup? keyboard) =>
        keyboard is null
            ? []
            : keyboard.InlineKeyboard.Select(row => (IReadOnlyList<SentButton>)row.Select(button => new SentButton(button.Text, button.CallbackData, button.Url)).ToArray()).ToArray();

    private long EnqueueMessage(long chatId, User? from, Action<Message> fill) => _updates.Add(id =>
    {
        lock (_gate)
        {
            var message = NewMessage(chatId, from ?? OwnerOf(chatId), Now());
            fill(message);
            return new Update { Id = id, Message = message };
        }
    });

    /// <summary>A message with the chat's next message_id: one counter per chat for both directions, as in private chats. Call under _gate.</summary>
    private Message NewMessage(long chatId, User from, DateTime date)
    {
        var messageId = _lastMessageId.GetValueOrDefault(chatId) + 1;
        _lastMessageId[chatId] = messageId;
        return NewMessageShape(chatId, messageId, from, date);
    }

    private Message NewMessageShape(long chatId, int messageId, User from, DateTime date) =>
        new() { Id = messageId, Date = date, Chat = ChatOf(chatId), From = from };

    /// <summary>Negative ids are groups, as Telegram numbers them. Call under _gate.</summary>
    private Chat ChatOf(long chatId) => chatId < 0
        ? new Chat { Id = chatId, Type = ChatType.Group, Title = "Grup Usaha" }
        : new Chat { Id = chatId, Type = ChatType.Private, FirstName = OwnerOf(chatId).FirstName };

    /// <summary>The owner last seen typing in this chat, or a default one. Call under _gate.</summary>
    private User OwnerOf(long chatId) => _owners.GetValueOrDefault(chatId) ?? new User { Id = chatId, FirstName = "Owner" };

    private void Record(ApiCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
            Signal();
        }
    }

    private void ChangeParkedPolls(int by)
    {
        lock (_gate)
        {
            _parkedPolls += by;
            Signal();
        }
    }

    /// <summary>Wakes every waiter to look again. Call under _gate; the continuations run elsewhere.</summary>
    private void Signal()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    /// <summary>Waits until <paramref name="condition"/> (evaluated under _gate) holds.</summary>
    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition())
                {
                    return;
                }

                changed = _changed.Task;
            }

            var remaining = timeout - started.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                lock (_gate)
                {
                    throw new TimeoutException(describe());
                }
            }

            try
            {
                await changed.WaitAsync(remaining);
            }
            catch (TimeoutException)
            {
                // Look once more, then report.
            }
        }
    }

    private static string FileId(long chatId, string kind) => Invariant($"{kind}-{chatId}-{Guid.NewGuid():N}");

    private static DateTime Now() => DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
