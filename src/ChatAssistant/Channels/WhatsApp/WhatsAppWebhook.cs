using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatAssistant.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Channels.WhatsApp;

/// <summary>
/// The Cloud API webhook at <see cref="Path"/>, on the worker's shared Kestrel host (<see cref="WebhookHost"/>). GET
/// answers Meta's verification handshake. POST takes signed payloads only (401 and nothing stored otherwise); each
/// message is committed through the inbox (which drops a message id it has seen, so Meta's redeliveries change nothing)
/// before the 200, and its replies are sent from the store by the outbox. Delivery statuses are committed the same
/// way, raising each sent message's delivery state (<see cref="IChannelInbox.RecordStatusesAsync"/>). A signed body
/// that is not JSON is answered 400 with nothing stored.
/// </summary>
internal sealed class WhatsAppWebhook(
    IChannelInbox inbox,
    IOptions<WhatsAppOptions> options,
    TimeProvider time,
    ILogger<WhatsAppWebhook> logger) : IWebhookEndpoints
{
    public const string Path = "/webhooks/whatsapp";

    /// <summary>Meta batches at most a few hundred small messages and statuses in one body; one over this is not a webhook.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>How much of an unusable body is kept with its dead letter.</summary>
    private const int MaxKeptBytes = 64 * 1024;

    private IEndpointRouteBuilder? _routes;

    /// <summary>The addresses Kestrel listens on once started (the real port when configured with port 0).</summary>
    public IReadOnlyCollection<string> Addresses =>
        _routes?.ServiceProvider.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    public string ListenUrl => options.Value.ListenUrl;

    public void Map(IEndpointRouteBuilder routes)
    {
        _routes = routes;
        var settings = options.Value;
        var secret = Encoding.UTF8.GetBytes(settings.AppSecret!);
        var verifyToken = Encoding.UTF8.GetBytes(settings.VerifyToken!);
        routes.MapGet(Path, (HttpContext context) => Verify(context.Request.Query, verifyToken));
        // Typed as a Func so the route handler writes the IResult (a lambda taking only HttpContext binds as a RequestDelegate).
        Func<HttpContext, Task<IResult>> receive = context => ReceiveAsync(context, secret, settings.PhoneNumberId);
        routes.MapPost(Path, receive);
        Log.WebhookListening(logger, settings.ListenUrl, Path);
    }

    private IResult Verify(IQueryCollection query, byte[] verifyToken)
    {
        var mode = query["hub.mode"].ToString();
        var tokenMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(query["hub.verify_token"].ToString()), verifyToken);
        var challenge = query["hub.challenge"].ToString();
        if (mode != "subscribe" || !tokenMatches || challenge.Length == 0)
        {
            Log.VerificationRefused(logger, mode, tokenMatches ? "right" : "wrong");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        Log.Verified(logger);
        return Results.Text(challenge, "text/plain", Encoding.UTF8);
    }

    private async Task<IResult> ReceiveAsync(HttpContext context, byte[] secret, string? phoneNumberId)
    {
        var signature = context.Request.Headers[WhatsAppSignature.Header].ToString();
        if (signature.Length == 0)
        {
            Log.SignatureRefused(logger, context.Connection.RemoteIpAddress?.ToString());
            return Results.Unauthorized();
        }

        // This endpoint's own limit: the host is shared with other webhooks, so Kestrel's limit is not set for all.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        byte[] body;
        try
        {
            body = await WebhookRawBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            Log.WebhookBodyRefused(logger, "over " + MaxBodyBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!WhatsAppSignature.IsValid(signature, body, secret))
        {
            Log.SignatureRefused(logger, context.Connection.RemoteIpAddress?.ToString());
            return Results.Unauthorized();
        }

        if (WhatsAppInboundReader.Read(body, phoneNumberId) is not { } batch)
        {
            Log.WebhookBodyRefused(logger, "not the webhook's JSON");
            return Results.BadRequest();
        }

        if (batch.ForOtherNumbers > 0)
        {
            Log.OtherNumber(logger, batch.ForOtherNumbers);
        }

        if (batch.Statuses.Count > 0)
        {
            Log.Statuses(logger, batch.Statuses.Count);
        }

        // Handed to the writer in order without awaiting each, so the batch keeps every owner's order and can share
        // a transaction; the 200 goes only once all of it is committed, so Meta redelivers anything a crash cut off.
        var now = time.GetUtcNow();
        var handled = new List<Task>(batch.Messages.Count);
        foreach (var message in batch.Messages)
        {
            switch (message.Kind)
            {
                case WhatsAppInboundKind.Conversation:
                    // The sender's phone rides with the message (an operator's, or one a phone question may offer), unstored.
                    var content = message.Message with { SenderPhone = message.Phone };
                    handled.Add(inbox.SubmitAsync(new InboundEnvelope(WhatsAppInbound.Channel, message.ChatId, message.MessageId, content, now), context.RequestAborted));
                    break;

                case WhatsAppInboundKind.MorePage:
                    handled.Add(inbox.ShowPageAsync(WhatsAppInbound.Channel, message.ChatId, message.MessageId, message.Page, message.RepliedTo, context.RequestAborted));
                    break;
                case WhatsAppInboundKind.Malformed:
                    var reason = message.Problem ?? "unusable message";
                    Log.WebhookDeadLetter(logger, message.MessageId, reason);
                    var kept = body.Length > MaxKeptBytes ? body.AsMemory(0, MaxKeptBytes) : body;
                    handled.Add(inbox.RecordDeadLetterAsync(WhatsAppInbound.Channel, message.MessageId, kept.Length < body.Length ? reason + " (cut to 64 KiB)" : reason, kept, null, context.RequestAborted));
                    break;
            }
        }

        // Statuses after the body's messages, all of them in one call (one transaction), committed before the 200 too.
        if (batch.Statuses.Count > 0)
        {
            handled.Add(RecordStatusesAsync(batch.Statuses, context.RequestAborted));
        }

        await Task.WhenAll(handled).ConfigureAwait(false);
        return Results.Ok();
    }

    /// <summary>
    /// Hands the statuses to the inbox at once (before its first await, so they queue behind the body's messages),
    /// then logs what they changed.
    /// </summary>
    private async Task RecordStatusesAsync(IReadOnlyList<WhatsAppStatusUpdate> statuses, CancellationToken cancellationToken)
    {
        var reports = new List<DeliveryReport>(statuses.Count);
        foreach (var status in statuses)
        {
            if (status.ToReport() is { } report)
            {
                reports.Add(report);
            }
            else
            {
                Log.StatusSkipped(logger, status.MessageId, status.Status);
            }
        }

        if (reports.Count == 0)
        {
            return;
        }

        var changes = await inbox.RecordStatusesAsync(WhatsAppInbound.Channel, reports, cancellationToken).ConfigureAwait(false);
        int raised = 0, repeated = 0, unchanged = 0, unknown = 0;
        for (var i = 0; i < changes.Count; i++)
        {
            var report = reports[i];
            switch (changes[i])
            {
                case DeliveryChange.Raised:
                    raised++;
                    if (report.State == DeliveryState.Failed)
                    {
                        Log.DeliveryFailed(logger, report.MessageId, report.Error ?? "no reason given");
                    }

                    break;
                case DeliveryChange.Repeated:
                    repeated++;
                    break;
                case DeliveryChange.UnknownMessage:
                    unknown++;
                    Log.StatusForUnknownMessage(logger, report.MessageId, report.State.Name());
                    break;
                default:
                    unchanged++;
                    break;
            }
        }

        Log.StatusesRecorded(logger, raised, repeated, unchanged, unknown);
    }
}
