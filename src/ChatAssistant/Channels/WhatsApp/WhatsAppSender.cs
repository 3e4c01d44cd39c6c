using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatAssistant.Outbox;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Channels.WhatsApp;

/// <summary>
/// Sends outbox messages through the Cloud API (<c>POST {ApiBaseUrl}/{PhoneNumberId}/messages</c>, bearer token),
/// shaped by <see cref="WhatsAppMessageShape"/>, and turns the API's error codes into the outbox's outcomes
/// (<see cref="WhatsAppErrors"/>). A reply of several parts goes out in order; the last part's wamid is kept. When a
/// part after the first is refused, the parts already accepted are remembered (in memory) so the retry sends only
/// the rest: the owner does not read the first half twice, unless the worker restarted in between.
/// </summary>
internal sealed class WhatsAppSender(HttpClient http, WhatsAppSendSettings settings, ILogger<WhatsAppSender> logger) : IOutboxChannel
{
    /// <summary>The channel's stored name.</summary>
    public const string Channel = "whatsapp";

    // 130429 carries no wait; the pause doubles with each one in a row (from 1 s, at most a minute) until a send succeeds.
    private static readonly TimeSpan FirstThroughputPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxThroughputPause = TimeSpan.FromMinutes(1);

    private readonly Uri _messages = settings.MessagesUri;
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", settings.AccessToken);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> _partsSent = new();
    private int _throughputRefusals;

    public string Name => Channel;

    public WhatsAppWords Words { get; init; } = WhatsAppWords.Indonesian;

    /// <summary>The API messages this message still takes (its parts not yet accepted), for the per-number and per-owner limits.</summary>
    public int Cost(OutboxMessage message) =>
        Math.Max(1, Parts(message).Count - _partsSent.GetValueOrDefault(message.Id));

    private IReadOnlyList<WhatsAppPart> Parts(OutboxMessage message) => WhatsAppMessageShape.Shape(message.Message, Words, message.Page);

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Template is { } template)
        {
            // Outside the 24-hour window only the approved template goes; the row's text is kept for the record only.
            var (sentId, refused) = await PostAsync(TemplateRequest(message.ChatId, template), message.ChatId, cancellationToken).ConfigureAwait(false);
            if (refused is { } failure)
            {
                return failure;
            }

            Interlocked.Exchange(ref _throughputRefusals, 0);
            return SendResult.Sent(sentId);
        }

        string? lastId = null;
        var parts = Parts(message);
        for (var i = _partsSent.GetValueOrDefault(message.Id); i < parts.Count; i++)
        {
            var part = parts[i];
            var request = new WaSendRequest("whatsapp", "individual", message.ChatId, part.Type, part.Text, part.Interactive);
            var (id, failure) = await PostAsync(request, message.ChatId, cancellationToken).ConfigureAwait(false);
            if (failure is { } refused)
            {
                // Kept only while the message can come again; a message given up for good forgets its parts.
                if (i > 0 && refused.Outcome is SendOutcome.Transient or SendOutcome.RateLimited)
                {
                    _partsSent[message.Id] = i;
                }
                else
                {
                    _partsSent.TryRemove(message.Id, out _);
                }

                return refused;
            }

            lastId = id;
        }

        _partsSent.TryRemove(message.Id, out _);
        Interlocked.Exchange(ref _throughputRefusals, 0);
        return SendResult.Sent(lastId);
    }

    /// <summary>
    /// <c>{"type":"template","template":{"name","language":{"code"},"components":[{"type":"body","parameters":[{"type":"text","text"}]}]}}</c>;
    /// no components for a template without parameters.
    /// </summary>
    internal static WaSendRequest TemplateRequest(string to, OutboxTemplate template) =>
        new("whatsapp", "individual", to, "template", null, null, new WaTemplate(
            template.Name,
            new WaLanguage(template.Language),
            template.Parameters.Count == 0 ? null : [new WaComponent("body", [.. template.Parameters.Select(p => new WaParameter("text", p))])]));

    private async Task<(string? Id, SendResult? Failure)> PostAsync(WaSendRequest body, string chatId, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _messages)
            {
                Content = JsonContent.Create(body, WhatsAppSendJson.Default.WaSendRequest),
            };
            request.Headers.Authorization = _authorization;
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var sent = await response.Content.ReadFromJsonAsync(WhatsAppSendJson.Default.WaSendResponse, cancellationToken).ConfigureAwait(false);
                return (sent?.Messages is [var first, ..] ? first.Id : null, null);
            }

            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            var failure = WhatsAppErrors.Classify(response.StatusCode, error?.Code);
            var text = error is null
                ? string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}")
                : string.Create(CultureInfo.InvariantCulture, $"{error.Code}: {error.Message} (HTTP {(int)response.StatusCode})");
            return (null, Refused(failure, text, chatId, response.Headers.RetryAfter?.Delta));
        }
        catch (HttpRequestException ex)
        {
            return (null, new SendResult(SendOutcome.Transient, Error: ex.Message));
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's timeout, not a stop: the message may or may not have arrived; retried like any passing fault.
            return (null, new SendResult(SendOutcome.Transient, Error: "timeout: " + ex.Message));
        }
        catch (JsonException ex)
        {
            // A 2xx that is not the API's answer (a proxy's page): not known to be sent, so tried again.
            return (null, new SendResult(SendOutcome.Transient, Error: "unreadable answer: " + ex.Message));
        }
    }

    private SendResult Refused(WhatsAppFailure failure, string error, string chatId, TimeSpan? retryAfter)
    {
        var pause = TimeSpan.Zero;
        switch (failure)
        {
            case WhatsAppFailure.Throughput:
                var refusals = Interlocked.Increment(ref _throughputRefusals);
                var doubled = FirstThroughputPause * Math.Pow(2, Math.Min(refusals - 1, 16));
                pause = retryAfter ?? (doubled < MaxThroughputPause ? doubled : MaxThroughputPause);
                Log.ThroughputLimited(logger, error, pause);
                break;
            case WhatsAppFailure.TokenRejected:
                Log.TokenRejected(logger, error, WhatsAppErrors.TokenPause);
                break;
            default:
                Log.SendRefused(logger, chatId, failure, error);
                break;
        }

        return WhatsAppErrors.Result(failure, error, pause);
    }

    private static async Task<WaError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await response.Content.ReadFromJsonAsync(WhatsAppSendJson.Default.WaErrorResponse, cancellationToken).ConfigureAwait(false);
            return answer?.Error;
        }
        catch (JsonException)
        {
            return null; // not the Graph API's error shape (a proxy's page): the HTTP status decides
        }
        catch (NotSupportedException)
        {
            return null; // not JSON at all
        }
    }
}
