using System.Diagnostics;
using System.Globalization;
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

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// The cold-start run's stand-in for Telegram's Bot API, on 127.0.0.1: just enough of it for the worker to start
/// polling, receive one owner message on its first getUpdates and send its reply. It notes when each call arrives
/// on the run's own clock (started just before the process), so the run can say where the time went. Not the test
/// project's fake (which validates everything Telegram would): this one must stay cheap and out of the way.
/// </summary>
internal sealed class ColdStartBotApi : IAsyncDisposable
{
    public const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq";
    public const long OwnerChatId = 7_000_001;

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Run? _run;

    private ColdStartBotApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<ColdStartBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(ColdStartBotApi).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new ColdStartBotApi(app);
        app.Map("/bot{token}/{method}", (RequestDelegate)api.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        api.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return api;
    }

    /// <summary>
    /// Gets ready for the next process: it will be handed <paramref name="text"/> from the owner on its first
    /// getUpdates; calls are timed on <paramref name="clock"/>.
    /// </summary>
    public Run Arm(Stopwatch clock, string text, long updateId)
    {
        var run = new Run(clock, text, updateId);
        lock (_gate)
        {
            _run = run;
        }

        return run;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Run? run;
        lock (_gate)
        {
            run = _run;
        }

        var method = (context.Request.RouteValues["method"] as string ?? string.Empty).ToUpperInvariant();
        var at = run?.Clock.Elapsed ?? TimeSpan.Zero;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            run?.Note(method, at);
            string result;
            switch (method)
            {
                case "GETUPDATES":
                    result = await GetUpdatesAsync(run, body.RootElement, context.RequestAborted).ConfigureAwait(false);
                    break;
                case "SENDMESSAGE":
                    result = SendMessage(body.RootElement);
                    run?.Replied(at, body.RootElement);
                    break;
                case "GETME":
                    result = """{"id":123456789,"is_bot":true,"first_name":"Asisten Usaha","username":"asisten_usaha_bench_bot"}""";
                    break;
                default:
                    // deleteWebhook, setMyCommands and the like: done.
                    result = "true";
                    break;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"ok\":true,\"result\":" + result + "}", context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or BadHttpRequestException or JsonException)
        {
            // The process was killed mid-call, or the stand-in is stopping: there is no one to answer.
        }
    }

    private async Task<string> GetUpdatesAsync(Run? run, JsonElement request, CancellationToken aborted)
    {
        var offset = request.TryGetProperty("offset", out var o) && o.TryGetInt64(out var value) ? value : 0;
        if (run is not null && offset <= run.UpdateId && run.TakeUpdate())
        {
            return "[" + run.UpdateJson() + "]";
        }

        // Nothing more for this run: hold the long poll until the process is killed (or a second at most).
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            // Stopping: answer empty.
        }

        return "[]";
    }

    private static string SendMessage(JsonElement request)
    {
        var chat = request.TryGetProperty("chat_id", out var c) && c.TryGetInt64(out var id) ? id : OwnerChatId;
        var text = request.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"message_id":{{Environment.TickCount64 & 0x7fffffff}},"date":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"chat":{"id":{{chat}},"type":"private","first_name":"Owner"},"text":{{JsonSerializer.Serialize(text)}}}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>One process's calls, on its clock.</summary>
    internal sealed class Run(Stopwatch clock, string text, long updateId)
    {
        private readonly Lock _gate = new();
        private readonly List<(string Method, TimeSpan At)> _calls = [];
        private readonly TaskCompletionSource<TimeSpan> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _updateTaken;

        public Stopwatch Clock => clock;

        public long UpdateId => updateId;

        /// <summary>When the first sendMessage to the owner arrived.</summary>
        public Task<TimeSpan> Reply => _reply.Task;

        /// <summary>The text of that first reply, to show what was answered.</summary>
        public string? ReplyText { get; private set; }

        public IReadOnlyList<(string Method, TimeSpan At)> Calls
        {
            get
            {
                lock (_gate)
                {
                    return _calls.ToArray();
                }
            }
        }

        /// <summary>When <paramref name="method"/> (upper case) was first called, if it was.</summary>
        public TimeSpan? First(string method)
        {
            lock (_gate)
            {
                foreach (var call in _calls)
                {
                    if (call.Method == method)
                    {
                        return call.At;
                    }
                }
            }

            return null;
        }

        public void Note(string method, TimeSpan at)
        {
            lock (_gate)
            {
                _calls.Add((method, at));
            }
        }

        public bool TakeUpdate()
        {
            lock (_gate)
            {
                var first = !_updateTaken;
                _updateTaken = true;
                return first;
            }
        }

        public void Replied(TimeSpan at, JsonElement request)
        {
            if (request.TryGetProperty("chat_id", out var chat) && chat.TryGetInt64(out var id) && id == OwnerChatId)
            {
                var text = request.TryGetProperty("text", out var t) ? t.GetString() : null;
                lock (_gate)
                {
                    ReplyText ??= text;
                }

                _reply.TrySetResult(at);
            }
        }

        public string UpdateJson()
        {
            var json = new StringBuilder(512);
            json.Append(CultureInfo.InvariantCulture, $$"""{"update_id":{{updateId}},"message":{"message_id":1,"from":{"id":{{OwnerChatId}},"is_bot":false,"first_name":"Owner","language_code":"id"},""")
                .Append(CultureInfo.InvariantCulture, $$"""
                    "chat":{"id":{{OwnerChatId}},"type":"private","first_name":"Owner"},"date":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"text":{{JsonSerializer.Serialize(text)}}
                    """);
            if (text.StartsWith('/'))
            {
                var length = text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : text.Length;
                json.Append(CultureInfo.InvariantCulture, $$""","entities":[{"offset":0,"length":{{length}},"type":"bot_command"}]""");
            }

            return json.Append("}}").ToString();
        }
    }
}
