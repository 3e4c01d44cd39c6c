using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// The test project's own WhatsApp Cloud API: Kestrel on 127.0.0.1, a free port, serving
/// <c>POST /{version}/{phone-number-id}/messages</c> as Meta does: the bearer token checked (else 401, code 190), the
/// message checked against the Cloud API's limits (else 400, code 100, as Meta refuses a malformed message), and an
/// accepted send answered with a wamid. Tests read what was sent (<see cref="Sends"/>) and inject Meta's refusals
/// (130429, 131056, 131047, 131026, 131049, 401, 5xx, a dropped connection) with <see cref="FailNext"/>. As Meta does,
/// it refuses a free-form message to an owner outside the 24-hour window (131047, see <see cref="PutOutsideWindow"/>)
/// and a template it has not approved (132001, see <see cref="ApproveTemplate"/>). It also plays the owners: it posts
/// signed webhooks to the worker (FakeCloudApi.Webhooks.cs). Thread-safe.
/// </summary>
internal sealed partial class FakeCloudApi : IAsyncDisposable
{
    public const string Version = "v25.0";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<CloudSend> _sends = [];
    private readonly Queue<CloudFailure?> _failures = new(); // null: accept this one as usual
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopping = new();
    private Task _lagMonitor = Task.CompletedTask;
    private readonly List<(TimeSpan At, TimeSpan Lag)> _lags = []; // guarded by _gate; only lags over 5 ms
    private readonly HashSet<string> _outsideWindow = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, string Language), int> _templates = [];
    private TaskCompletionSource? _answersHeld;
    private int _heldAnswers;
    private int _nextId;
    private int _numberLookups;

    private FakeCloudApi(WebApplication app, string phoneNumberId, string accessToken)
    {
        _app = app;
        PhoneNumberId = phoneNumberId;
        AccessToken = accessToken;
    }

    /// <summary>http://127.0.0.1:{port}/v25.0, for <c>WhatsApp:ApiBaseUrl</c>.</summary>
    public string ApiBaseUrl { get; private set; } = string.Empty;

    public string PhoneNumberId { get; }

    public string AccessToken { get; }

    /// <summary>Every request to the messages endpoint, refused ones included, in the order answered.</summary>
    public IReadOnlyList<CloudSend> Sends
    {
        get
        {
            lock (_gate)
            {
                return _sends.ToArray();
            }
        }
    }

    /// <summary>The accepted sends only.</summary>
    public IReadOnlyList<CloudSend> Accepted => [.. Sends.Where(s => s.Accepted)];

    public static async Task<FakeCloudApi> StartAsync(string phoneNumberId = "106540352242922", string accessToken = "EAAG-test-token")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(FakeCloudApi).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        // An explicit endpoint wins over ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS that a container may set.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var api = new FakeCloudApi(app, phoneNumberId, accessToken);
        app.MapPost("/" + Version + "/{phone}/messages", (RequestDelegate)api.HandleAsync);
        app.MapGet("/" + Version + "/{phone}", (RequestDelegate)api.HandleNumberAsync);
        await app.StartAsync();
        api._lagMonitor = api.MonitorLagAsync(api._stopping.Token);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        api.ApiBaseUrl = address.TrimEnd('/') + "/" + Version;
        return api;
    }

    /// <summary>Requests for the phone number's own node (<c>GET /{version}/{phone-number-id}</c>, the health probe), refused ones included.</summary>
    public int NumberLookups => Volatile.Read(ref _numberLookups);

    /// <summary>The next sends are refused with these failures, one each, in order; then sends are accepted again.</summary>
    public void FailNext(params CloudFailure[] failures) => AcceptThenFail(0, failures);

    /// <summary>The next <paramref name="accepted"/> sends are handled as usual, then these failures, one each.</summary>
    public void AcceptThenFail(int accepted, params CloudFailure[] failures)
    {
        lock (_gate)
        {
            for (var i = 0; i < accepted; i++)
            {
                _failures.Enqueue(null);
            }

            foreach (var failure in failures)
            {
                _failures.Enqueue(failure);
            }
        }
    }

    /// <summary>
    /// From now on, as Meta does for an owner whose last message is older than 24 hours, a free-form message to
    /// <paramref name="to"/> is refused with 131047 and only a template goes; <see cref="InsideWindow"/> ends it.
    /// </summary>
    public void OutsideWindow(string to)
    {
        lock (_gate)
        {
            _outsideWindow.Add(to);
        }
    }

    /// <summary>The owner wrote again: free-form messages to them go again.</summary>
    public void InsideWindow(string to)
    {
        lock (_gate)
        {
            _outsideWindow.Remove(to);
        }
    }

    /// <summary>
    /// These owners last wrote more than 24 hours ago (by BSUID and phone): see <see cref="OutsideWindow"/>. An owner's
    /// message posted through <see cref="DeliverMessagesAsync"/> reopens their window.
    /// </summary>
    public void PutOutsideWindow(IEnumerable<CloudOwner> owners)
    {
        foreach (var owner in owners)
        {
            OutsideWindow(owner.WaId);
            if (owner.UserId is not null)
            {
                OutsideWindow(owner.UserId);
            }
        }
    }

    /// <summary>
    /// A template the business has had approved, with the number of body parameters it takes. Until a test approves
    /// one, any well-formed template is accepted; after, only the approved ones (else 132001 or 132000, as Meta).
    /// </summary>
    public void ApproveTemplate(string name, string language, int bodyParameters)
    {
        lock (_gate)
        {
            _templates[(name, language)] = bodyParameters;
        }
    }

    /// <summary>
    /// From now on sends are taken (recorded as accepted: the owner gets them) but not answered until
    /// <see cref="ReleaseAnswers"/>: the moment a worker killed now has messages delivered that it cannot know of.
    /// </summary>
    public void HoldAnswers()
    {
        lock (_gate)
        {
            _answersHeld ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Answers the held sends (to a worker still there to read them) and answers at once again.</summary>
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

    /// <summary>Accepted sends whose answer was held (see <see cref="HoldAnswers"/>).</summary>
    public int HeldAnswers => Volatile.Read(ref _heldAnswers);

    /// <summary>
    /// How late the stand-in's own thread pool was for a 10 ms timer at most, within <paramref name="radius"/> of
    /// <paramref name="at"/> (on the stamps' stopwatch): how much later than their arrival it may have stamped requests
    /// (<see cref="CloudSend.At"/>) then, on a busy machine, bunching the stamps together. Rate checks count in windows
    /// shorter by this much, so the stand-in's own stalls are never blamed on the worker.
    /// </summary>
    public TimeSpan LagAround(TimeSpan at, TimeSpan radius)
    {
        lock (_gate)
        {
            return _lags.Where(l => l.At >= at - radius && l.At <= at + radius).Select(l => l.Lag).DefaultIfEmpty(TimeSpan.Zero).Max();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _lagMonitor;
        _stopping.Dispose();
        ReleaseAnswers();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _webhookClient.Dispose();
    }

    private async Task MonitorLagAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromMilliseconds(10);
        using var timer = new PeriodicTimer(period);
        var last = _clock.Elapsed;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = _clock.Elapsed;
                var lag = now - last - period;
                last = now;
                if (lag > TimeSpan.FromMilliseconds(5))
                {
                    lock (_gate)
                    {
                        _lags.Add((now, lag));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    private void ReopenWindow(CloudOwner owner)
    {
        InsideWindow(owner.WaId);
        if (owner.UserId is not null)
        {
            InsideWindow(owner.UserId);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = _clock.Elapsed;
        var phone = (string)context.Request.RouteValues["phone"]!;
        var authorization = context.Request.Headers.Authorization.ToString();
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Record(phone, authorization, default, 400, null, at);
            await AnswerErrorAsync(context, new CloudFailure(400, 100, "(#100) Invalid parameter", "The request body is not JSON."));
            return;
        }

        CloudFailure? failure;
        lock (_gate)
        {
            _failures.TryDequeue(out failure);
        }

        if (failure is { DropConnection: true })
        {
            Record(phone, authorization, body, 0, null, at);
            context.Abort();
            return;
        }

        failure ??= authorization != "Bearer " + AccessToken
            ? CloudFailure.TokenExpired() with { Message = "Invalid OAuth access token - Cannot parse access token" }
            : phone != PhoneNumberId
                ? new CloudFailure(400, 100, "(#100) Unsupported post request.", "Object with ID '" + phone + "' does not exist.")
                : Problem(body) is { } problem
                    ? new CloudFailure(400, 100, "(#100) Invalid parameter", problem)
                    : Refusal(body);
        if (failure is not null)
        {
            Record(phone, authorization, body, failure.StatusCode, null, at);
            await AnswerErrorAsync(context, failure);
            return;
        }

        var wamid = "wamid.TEST" + Interlocked.Increment(ref _nextId).ToString("D8", CultureInfo.InvariantCulture);
        Record(phone, authorization, body, 200, wamid, at);
        TaskCompletionSource? hold;
        lock (_gate)
        {
            hold = _answersHeld;
        }

        if (hold is not null)
        {
            Interlocked.Increment(ref _heldAnswers);
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the worker is gone: it never learns this send was taken
            }
        }

        var to = Str(body, "to") ?? Str(body, "recipient");
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = wamid }),
        });
    }

    /// <summary>The phone number's details, as Meta answers them to its bearer token; 401 (code 190) to another.</summary>
    private async Task HandleNumberAsync(HttpContext context)
    {
        Interlocked.Increment(ref _numberLookups);
        var phone = (string)context.Request.RouteValues["phone"]!;
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            await AnswerErrorAsync(context, CloudFailure.TokenExpired() with { Message = "Invalid OAuth access token - Cannot parse access token" });
            return;
        }

        if (phone != PhoneNumberId)
        {
            await AnswerErrorAsync(context, new CloudFailure(400, 100, "(#100) Unsupported get request.", "Object with ID '" + phone + "' does not exist."));
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["verified_name"] = "Asisten UMKM",
            ["display_phone_number"] = "+62 811-0000-0000",
            ["quality_rating"] = "GREEN",
            ["id"] = phone,
        });
    }

    private CloudSend Record(string phone, string? authorization, JsonElement body, int status, string? wamid, TimeSpan at)
    {
        var send = new CloudSend(phone, authorization, body, status, wamid, at);
        lock (_gate)
        {
            _sends.Add(send);
        }

        return send;
    }

    private static async Task AnswerErrorAsync(HttpContext context, CloudFailure failure)
    {
        context.Response.StatusCode = failure.StatusCode;
        if (failure.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var error = new JsonObject
        {
            ["message"] = failure.Message,
            ["type"] = "OAuthException",
            ["code"] = failure.Code,
            ["fbtrace_id"] = "AbCdEfGhIjK",
        };
        if (failure.Details is not null)
        {
            error["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = failure.Details };
        }

        await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = error });
    }

    /// <summary>
    /// What Meta refuses in a well-formed message: free-form to an owner outside the window (131047), a template not
    /// approved in that language (132001) or with the wrong number of parameters (132000); null to accept it.
    /// </summary>
    private CloudFailure? Refusal(JsonElement body)
    {
        var to = (Str(body, "to") ?? Str(body, "recipient"))!;
        if (Str(body, "type") != "template")
        {
            lock (_gate)
            {
                return _outsideWindow.Contains(to) ? CloudFailure.OutsideWindow() : null;
            }
        }

        var template = body.GetProperty("template");
        var key = (Str(template, "name")!, Str(template.GetProperty("language"), "code")!);
        int expected;
        lock (_gate)
        {
            if (_templates.Count == 0)
            {
                return null;
            }

            if (!_templates.TryGetValue(key, out expected))
            {
                return new CloudFailure(404, 132001, "(#132001) Template name does not exist in the translation", $"template name ({key.Item1}) does not exist in {key.Item2}");
            }
        }

        var parameters = new CloudSend(PhoneNumberId, null, body, 0, null).Template.Parameters.Count;
        return parameters == expected ? null
            : new CloudFailure(400, 132000, "(#132000) Number of parameters does not match the expected number of params", $"body: number of localizable_params ({parameters}) does not match the expected number of params ({expected})");
    }

    /// <summary>What Meta would refuse in this message (the limits in CHANNELS.md), or null.</summary>
    private static string? Problem(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object
            || Str(body, "messaging_product") != "whatsapp"
            || string.IsNullOrEmpty(Str(body, "to") ?? Str(body, "recipient")))
        {
            return "messaging_product must be whatsapp and to (or recipient) is required";
        }

        // Meta's rule: to is a phone number; a business-scoped user id goes in recipient.
        if (Str(body, "to") is { } phone && !phone.All(char.IsAsciiDigit))
        {
            return "to must be a phone number; a business-scoped user id goes in recipient";
        }

        switch (Str(body, "type"))
        {
            case "text":
                var text = body.TryGetProperty("text", out var t) ? Str(t, "body") : null;
                return string.IsNullOrEmpty(text) ? "text.body is required"
                    : text.Length > 4096 ? "text.body is longer than 4096 characters" : null;
            case "interactive":
                return InteractiveProblem(body.GetProperty("interactive"));
            case "template":
                return TemplateProblem(body.TryGetProperty("template", out var template) ? template : default);
            default:
                return "unsupported message type";
        }
    }

    /// <summary>A template send: a name, a language code, and body parameters of type text when it has components.</summary>
    private static string? TemplateProblem(JsonElement template)
    {
        if (Str(template, "name") is not { Length: > 0 } || !template.TryGetProperty("language", out var language) || Str(language, "code") is not { Length: > 0 })
        {
            return "template.name and template.language.code are required";
        }

        if (!template.TryGetProperty("components", out var components))
        {
            return null;
        }

        foreach (var component in components.EnumerateArray())
        {
            if (Str(component, "type") != "body")
            {
                return "only body components are expected";
            }

            foreach (var parameter in component.GetProperty("parameters").EnumerateArray())
            {
                if (Str(parameter, "type") != "text" || Str(parameter, "text") is not { Length: > 0 } text || text.Contains('\n', StringComparison.Ordinal))
                {
                    return "body parameters: type text, one line of text";
                }
            }
        }

        return null;
    }

    private static string? InteractiveProblem(JsonElement interactive)
    {
        var bodyText = interactive.TryGetProperty("body", out var b) ? Str(b, "text") : null;
        if (string.IsNullOrEmpty(bodyText) || bodyText.Length > 1024)
        {
            return "interactive.body.text is required and at most 1024 characters";
        }

        var action = interactive.GetProperty("action");
        switch (Str(interactive, "type"))
        {
            case "button":
                var buttons = action.GetProperty("buttons").EnumerateArray().ToList();
                if (buttons.Count is < 1 or > 3)
                {
                    return "reply buttons: 1 to 3";
                }

                var replies = buttons.Select(x => x.GetProperty("reply")).ToList();
                return buttons.Any(x => Str(x, "type") != "reply") ? "button type must be reply"
                    : replies.Any(r => Str(r, "id") is not { Length: > 0 and <= 256 }) ? "button id: 1 to 256 characters"
                    : replies.Any(r => Str(r, "title") is not { Length: > 0 and <= 20 }) ? "button title: 1 to 20 characters"
                    : replies.Select(r => Str(r, "id")).Distinct().Count() != replies.Count ? "button ids must be unique"
                    : replies.Select(r => Str(r, "title")).Distinct().Count() != replies.Count ? "button titles must be unique"
                    : null;
            case "list":
                if (Str(action, "button") is not { Length: > 0 and <= 20 })
                {
                    return "list button: 1 to 20 characters";
                }

                var sections = action.GetProperty("sections").EnumerateArray().ToList();
                var rows = sections.SelectMany(s => s.GetProperty("rows").EnumerateArray()).ToList();
                return sections.Count is < 1 or > 10 ? "sections: 1 to 10"
                    : sections.Count > 1 && sections.Any(s => Str(s, "title") is not { Length: > 0 and <= 24 }) ? "section titles are required with several sections"
                    : rows.Count is < 1 or > 10 ? "rows: 1 to 10 in total"
                    : rows.Any(r => Str(r, "id") is not { Length: > 0 and <= 200 }) ? "row id: 1 to 200 characters"
                    : rows.Any(r => Str(r, "title") is not { Length: > 0 and <= 24 }) ? "row title: 1 to 24 characters"
                    : rows.Any(r => r.TryGetProperty("description", out var d) && d.GetString() is not { Length: <= 72 }) ? "row description: at most 72 characters"
                    : rows.Select(r => Str(r, "id")).Distinct().Count() != rows.Count ? "row ids must be unique"
                    : null;
            default:
                return "unsupported interactive type";
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
