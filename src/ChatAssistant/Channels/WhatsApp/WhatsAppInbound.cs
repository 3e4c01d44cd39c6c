using System.Globalization;
using System.Text.Json;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;

namespace ChatAssistant.Channels.WhatsApp;

internal enum WhatsAppInboundKind
{
    /// <summary>Something for the conversation engine: text, a button or list reply, a shared contact, a photo to politely refuse.</summary>
    Conversation,

    /// <summary>Nothing to answer: a reaction, a system notice (number or id changed), an <c>unsupported</c> message.</summary>
    Ignore,

    /// <summary>A message without its id or sender: kept as a dead letter.</summary>
    Malformed,

    /// <summary>A tap on a list's "Lainnya" row: the next page of that question (<see cref="WhatsAppInbound.Page"/>).</summary>
    MorePage,
}

/// <summary>
/// One message of a webhook, read into what the assistant does with it. <see cref="ChatId"/> is the owner's key:
/// the business-scoped user id (BSUID) when the webhook carries one, else the WhatsApp id (the phone number);
/// <see cref="Phone"/> is the phone number when the webhook gives one.
/// </summary>
internal sealed record WhatsAppInbound(
    WhatsAppInboundKind Kind,
    string MessageId,
    string ChatId,
    InboundMessage Message,
    string? Phone = null,
    string? Problem = null)
{
    public const string Channel = ChannelNames.WhatsApp;

    /// <summary>For <see cref="WhatsAppInboundKind.MorePage"/>: the page asked for (1 is the second).</summary>
    public int Page { get; init; }

    /// <summary>The id of the assistant's message this one replies to (the webhook's <c>context.id</c>), when given.</summary>
    public string? RepliedTo { get; init; }
}

/// <summary>
/// A delivery status of a message the assistant sent (sent, delivered, read, failed, played), with the Unix time
/// Meta gives it and, for a failed one, why (<c>131026 Message undeliverable</c>).
/// </summary>
internal sealed record WhatsAppStatusUpdate(string MessageId, string Status, string? Recipient, long? Timestamp, string? Error = null)
{
    /// <summary>Largest Unix time in seconds a DateTimeOffset holds (9999-12-31).</summary>
    private const long MaxSeconds = 253_402_300_799;

    /// <summary>The report the outbox keeps; null for a status it does not track.</summary>
    public DeliveryReport? ToReport()
    {
        DeliveryState? state = Status switch
        {
            "sent" => DeliveryState.Sent,
            "delivered" => DeliveryState.Delivered,
            "read" => DeliveryState.Read,

            // A voice message listened to: read, and more.
            "played" => DeliveryState.Read,
            "failed" => DeliveryState.Failed,
            _ => null,
        };
        DateTimeOffset? at = Timestamp is { } seconds && seconds is > 0 and <= MaxSeconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        return state is { } known ? new DeliveryReport(MessageId, known, at, Error) : null;
    }
}

/// <summary>What one webhook body holds, in its order.</summary>
internal sealed record WhatsAppBatch(IReadOnlyList<WhatsAppInbound> Messages, IReadOnlyList<WhatsAppStatusUpdate> Statuses, int ForOtherNumbers);

internal static class WhatsAppInboundReader
{
    /// <summary>
    /// The messages and statuses of a webhook body for <paramref name="phoneNumberId"/> (changes for another number
    /// of the same app are counted and skipped), or null when the body is not the webhook's JSON at all.
    /// </summary>
    public static WhatsAppBatch? Read(ReadOnlySpan<byte> body, string? phoneNumberId)
    {
        WebhookBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, WhatsAppJson.Default.WebhookBody);
        }
        catch (JsonException)
        {
            return null;
        }

        if (parsed is null)
        {
            return null;
        }

        var messages = new List<WhatsAppInbound>();
        var statuses = new List<WhatsAppStatusUpdate>();
        var other = 0;
        foreach (var change in (parsed.Entry ?? []).SelectMany(e => e?.Changes ?? []))
        {
            if (change?.Value is not { } value || (change.Field is { } field && field != "messages"))
            {
                continue;
            }

            if (phoneNumberId is not null && value.Metadata?.PhoneNumberId is { } number && number != phoneNumberId)
            {
                other += (value.Messages?.Count ?? 0) + (value.Statuses?.Count ?? 0);
                continue;
            }

            foreach (var message in value.Messages ?? [])
            {
                if (message is not null)
                {
                    messages.Add(ReadMessage(message, value.Contacts ?? []));
                }
            }

            foreach (var status in value.Statuses ?? [])
            {
                if (status is { Id: { Length: > 0 } id, Status: { Length: > 0 } state })
                {
                    var at = long.TryParse(status.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : (long?)null;
                    statuses.Add(new WhatsAppStatusUpdate(id, state, status.RecipientUserId ?? status.RecipientId, at, Error(status)));
                }
            }
        }

        return new WhatsAppBatch(messages, statuses, other);
    }

    private static WhatsAppInbound ReadMessage(WebhookMessage message, IReadOnlyList<WebhookContact?> contacts)
    {
        // The sender's contact entry: the one with the message's wa_id, or the only one (a username-only owner has no wa_id).
        var contact = contacts.FirstOrDefault(c => c is not null && message.From is not null && c.WaId == message.From)
            ?? (contacts.Count == 1 ? contacts[0] : null);
        var phone = message.From ?? contact?.WaId;
        var owner = NonEmpty(message.FromUserId) ?? NonEmpty(contact?.UserId) ?? NonEmpty(phone);
        if (string.IsNullOrEmpty(message.Id) || owner is null)
        {
            return new WhatsAppInbound(WhatsAppInboundKind.Malformed, message.Id ?? string.Empty, owner ?? string.Empty, default, phone,
                string.IsNullOrEmpty(message.Id) ? "message without id" : "message without sender (from, from_user_id or contacts)");
        }

        // "Lainnya" is the channel's own row, not an answer: the engine never sees it.
        if (message is { Type: "interactive", Interactive: { Type: "list_reply", ListReply.Id: { } rowId } }
            && WhatsAppMessageShape.TryParseMore(rowId, out var page))
        {
            return new WhatsAppInbound(WhatsAppInboundKind.MorePage, message.Id, owner, default, phone) { Page = page, RepliedTo = NonEmpty(message.Context?.Id) };
        }

        var inbound = ReadContent(message);
        return inbound is { } content
            ? new WhatsAppInbound(WhatsAppInboundKind.Conversation, message.Id, owner, content, phone)
            : new WhatsAppInbound(WhatsAppInboundKind.Ignore, message.Id, owner, default, phone);
    }

    /// <summary>What the message says to the conversation; null when it asks for no reply.</summary>
    private static InboundMessage? ReadContent(WebhookMessage message)
    {
        switch (message.Type)
        {
            case "text":
                return InboundMessage.FromText(message.Text?.Body ?? string.Empty);

            // The id is the one the assistant put on the button or row when it sent the question.
            case "interactive" when message.Interactive is { Type: "button_reply", ButtonReply.Id: { } id } interactive:
                return InboundMessage.FromButton(id, interactive.ButtonReply.Title ?? string.Empty);
            case "interactive" when message.Interactive is { Type: "list_reply", ListReply.Id: { } id } interactive:
                return InboundMessage.FromButton(id, interactive.ListReply.Title ?? string.Empty);
            case "interactive":
                return InboundMessage.Unsupported("interactive " + message.Interactive?.Type);

            // A template's quick reply carries the payload the template was sent with.
            case "button" when message.Button is { } button:
                return InboundMessage.FromButton(button.Payload ?? button.Text ?? string.Empty, button.Text ?? string.Empty);

            // A shared contact answers a phone question; the engine checks it like a typed number.
            case "contacts" when message.Contacts?.SelectMany(c => c?.Phones ?? []).FirstOrDefault(p => p?.Phone is { Length: > 0 }) is { Phone: { } phone }:
                return InboundMessage.FromText(phone);

            // A shared place answers a free-text question with what a person would type: its name and address, else
            // its coordinates.
            case "location" when message.Location is { } place:
                return InboundMessage.FromText(Place(place));

            // Nothing the owner wrote: no reply.
            case "reaction" or "system" or "unsupported" or "request_welcome":
                return null;

            // Photos, voice notes, videos, documents, stickers and anything newer: a short note and the question again.
            default:
                return InboundMessage.Unsupported(message.Type ?? "unknown");
        }
    }

    private static string Place(WebhookLocation place)
    {
        var named = string.Join(", ", new[] { place.Name, place.Address }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return named.Length > 0
            ? named
            : string.Create(CultureInfo.InvariantCulture, $"{place.Latitude}, {place.Longitude}");
    }

    /// <summary>A failed status's first error as "code title" (Meta sends one), or null.</summary>
    private static string? Error(WebhookStatus status)
    {
        if (status.Errors?.FirstOrDefault(e => e is not null) is not { } error)
        {
            return null;
        }

        var text = string.Join(' ', new[] { error.Code?.ToString(CultureInfo.InvariantCulture), NonEmpty(error.Title) }.Where(p => p is not null));
        return text.Length == 0 ? null : text;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
