using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// The stand-in's other half: Meta posting webhooks to the worker. Owners write, tap reply buttons and list rows
/// (with the ids the worker sent), tap a template's quick reply, send photos; statuses report sends as sent,
/// delivered, read, in any order and more than once. Every body is signed as Meta signs it
/// (<c>X-Hub-Signature-256: sha256=hex(HMAC-SHA256(app secret, raw body))</c>) and, like Meta, redelivered until the
/// worker answers 200 (a worker that is down or restarting gets it again).
/// </summary>
internal sealed partial class FakeCloudApi
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    /// <summary>How long Meta keeps redelivering here: far less than its 7 days, far more than a restart.</summary>
    private static readonly TimeSpan RedeliveryPatience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RedeliveryWait = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Uri? _webhook;
    private string _appSecret = string.Empty;
    private int _nextInboundId;

    /// <summary>Where webhooks go, e.g. http://127.0.0.1:41234/webhooks/whatsapp (set by <see cref="ConnectWebhook"/>).</summary>
    public Uri Webhook => _webhook ?? throw new InvalidOperationException("ConnectWebhook first: the stand-in does not know the worker's webhook.");

    /// <summary>Meta's webhook settings: the callback URL and the app secret that signs every body.</summary>
    public void ConnectWebhook(Uri webhook, string appSecret)
    {
        _webhook = webhook;
        _appSecret = appSecret;
    }

    /// <summary>The signature Meta puts on <paramref name="body"/> with <paramref name="appSecret"/>.</summary>
    public static string Sign(string body, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(body)));

    /// <summary>A new inbound message id, as Meta makes them (wamid.…).</summary>
    public string NewMessageId() =>
        "wamid.HBgNIN" + Interlocked.Increment(ref _nextInboundId).ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>Posts <paramref name="body"/> once with this signature header (null: none) and returns the status; no redelivery.</summary>
    public async Task<HttpStatusCode> PostOnceAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Webhook) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
        }

        using var response = await _webhookClient.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>
    /// Delivers a signed webhook as Meta does: again after a refused connection, a dropped one or a 5xx, until the
    /// worker answers 200. Any other answer to a correctly signed body is a fault in the worker, so it throws.
    /// </summary>
    public async Task DeliverAsync(CloudWebhook webhook)
    {
        var signature = Sign(webhook.Body, _appSecret);
        var deadline = DateTime.UtcNow + RedeliveryPatience;
        while (true)
        {
            HttpStatusCode? status;
            try
            {
                status = await PostOnceAsync(webhook.Body, signature);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
            {
                status = null; // the worker is down or died mid-request: Meta tries again later
            }

            if (status == HttpStatusCode.OK)
            {
                return;
            }

            if (status is { } answered && (int)answered < 500)
            {
                throw new InvalidOperationException($"The worker answered {(int)answered} to a signed webhook: {webhook.Body}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker did not take a webhook within {RedeliveryPatience.TotalSeconds:0} s (last answer {status?.ToString() ?? "none"}).");
            }

            await Task.Delay(RedeliveryWait);
        }
    }

    /// <summary>Posts one body that carries these owners' messages (Meta batches at times); returns it, to post it again.</summary>
    public async Task<CloudWebhook> DeliverMessagesAsync(IReadOnlyList<(CloudOwner Owner, JsonObject Message)> messages)
    {
        var webhook = CloudWebhook.ForMessages(PhoneNumberId, messages);
        foreach (var owner in messages.Select(m => m.Owner).Distinct())
        {
            ReopenWindow(owner);
        }

        await DeliverAsync(webhook);
        return webhook;
    }

    /// <summary>The owner types <paramref name="text"/>.</summary>
    public Task<CloudWebhook> OwnerWritesAsync(CloudOwner owner, string text) =>
        DeliverMessagesAsync([(owner, CloudWebhook.Text(owner, NewMessageId(), text))]);

    /// <summary>The owner sends a photo.</summary>
    public Task<CloudWebhook> OwnerSendsPhotoAsync(CloudOwner owner) =>
        DeliverMessagesAsync([(owner, CloudWebhook.Image(owner, NewMessageId()))]);

    /// <summary>
    /// The owner taps the reply button or list row titled <paramref name="title"/> in the latest message the assistant
    /// sent them that has any, answering with the id the assistant gave it (as the WhatsApp app does).
    /// </summary>
    public async Task<(CloudChoice Choice, CloudWebhook Webhook)> OwnerTapsAsync(CloudOwner owner, string title)
    {
        var question = LastWithChoicesTo(owner)
            ?? throw new InvalidOperationException($"Nothing to tap: no message with buttons or a list was sent to {owner.Key}.");
        var choice = question.Choices.FirstOrDefault(c => c.Title == title)
            ?? throw new InvalidOperationException($"No choice titled '{title}' in the latest question to {owner.Key}: {string.Join(" | ", question.Choices.Select(c => c.Title))}");
        var webhook = await DeliverMessagesAsync([(owner, CloudWebhook.Interactive(owner, NewMessageId(), choice, question.WamId))]);
        return (choice, webhook);
    }

    /// <summary>The owner taps a template's quick-reply button, which carries the payload the template was sent with.</summary>
    public Task<CloudWebhook> OwnerTapsTemplateButtonAsync(CloudOwner owner, string payload, string text, string? context = null) =>
        DeliverMessagesAsync([(owner, CloudWebhook.TemplateButton(owner, NewMessageId(), payload, text, context))]);

    /// <summary>Posts delivery statuses, in the order given, in one body.</summary>
    public Task DeliverStatusesAsync(IEnumerable<CloudStatus> statuses) => DeliverAsync(CloudWebhook.ForStatuses(PhoneNumberId, statuses));

    /// <summary>Accepted sends to <paramref name="owner"/>, in the order they arrived.</summary>
    public IReadOnlyList<CloudSend> AcceptedTo(CloudOwner owner) => [.. Sends.Where(s => s.Accepted && owner.Is(s.To))];

    /// <summary>The latest accepted send to the owner with reply buttons or a list, or null.</summary>
    public CloudSend? LastWithChoicesTo(CloudOwner owner) => AcceptedTo(owner).LastOrDefault(s => s.Choices.Count > 0);

    /// <summary>Waits for an accepted send to the owner, after the first <paramref name="after"/> of theirs, that matches.</summary>
    public async Task<CloudSend> WaitForSendAsync(CloudOwner owner, Func<CloudSend, bool> match, TimeSpan timeout, int after = 0)
    {
        CloudSend? found = null;
        await WaitUntilAsync(() => (found = AcceptedTo(owner).Skip(after).FirstOrDefault(match)) is not null, timeout,
            () => $"no matching send to {owner.Key}; the last ones: {string.Join(" || ", AcceptedTo(owner).TakeLast(3).Select(s => s.Text))}");
        return found!;
    }

    /// <summary>Waits until at least <paramref name="count"/> sends were accepted.</summary>
    public Task WaitForAcceptedCountAsync(int count, TimeSpan timeout) =>
        WaitUntilAsync(() => Accepted.Count >= count, timeout, () => $"{Accepted.Count} of {count} sends accepted");

    /// <summary>Polls <paramref name="condition"/> until it holds; a generous deadline, never a fixed sleep.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string>? explain = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s: {explain?.Invoke() ?? "the condition never held"}");
            }

            await Task.Delay(25);
        }
    }
}
