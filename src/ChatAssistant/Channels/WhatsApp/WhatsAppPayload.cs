using System.Text.Json.Serialization;

namespace ChatAssistant.Channels.WhatsApp;

// The Cloud API's webhook body (Meta's "messages" webhook reference), only the fields the assistant reads. Read by
// the source-generated WhatsAppJson context: no reflection on the message path, and unknown fields are skipped.
internal sealed record WebhookBody(
    [property: JsonPropertyName("object")] string? Object,
    [property: JsonPropertyName("entry")] IReadOnlyList<WebhookEntry>? Entry);

internal sealed record WebhookEntry(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("changes")] IReadOnlyList<WebhookChange>? Changes);

internal sealed record WebhookChange(
    [property: JsonPropertyName("field")] string? Field,
    [property: JsonPropertyName("value")] WebhookValue? Value);

internal sealed record WebhookValue(
    [property: JsonPropertyName("metadata")] WebhookMetadata? Metadata,
    [property: JsonPropertyName("contacts")] IReadOnlyList<WebhookContact>? Contacts,
    [property: JsonPropertyName("messages")] IReadOnlyList<WebhookMessage>? Messages,
    [property: JsonPropertyName("statuses")] IReadOnlyList<WebhookStatus>? Statuses);

internal sealed record WebhookMetadata(
    [property: JsonPropertyName("phone_number_id")] string? PhoneNumberId);

internal sealed record WebhookContact(
    [property: JsonPropertyName("wa_id")] string? WaId,
    [property: JsonPropertyName("user_id")] string? UserId);

internal sealed record WebhookMessage(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("from_user_id")] string? FromUserId,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("text")] WebhookText? Text,
    [property: JsonPropertyName("interactive")] WebhookInteractive? Interactive,
    [property: JsonPropertyName("button")] WebhookButton? Button,
    [property: JsonPropertyName("contacts")] IReadOnlyList<SharedContact>? Contacts,
    [property: JsonPropertyName("location")] WebhookLocation? Location,
    [property: JsonPropertyName("context")] WebhookContext? Context = null);

/// <summary>The message a reply answers: <c>id</c> is the id the Cloud API gave the assistant's message when it was sent.</summary>
internal sealed record WebhookContext([property: JsonPropertyName("id")] string? Id);

internal sealed record WebhookText([property: JsonPropertyName("body")] string? Body);

internal sealed record WebhookInteractive(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("button_reply")] WebhookReply? ButtonReply,
    [property: JsonPropertyName("list_reply")] WebhookReply? ListReply);

internal sealed record WebhookReply(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("title")] string? Title);

/// <summary>A template's quick-reply button: <c>payload</c> is what the template defined, <c>text</c> its label.</summary>
internal sealed record WebhookButton(
    [property: JsonPropertyName("payload")] string? Payload,
    [property: JsonPropertyName("text")] string? Text);

internal sealed record SharedContact(
    [property: JsonPropertyName("phones")] IReadOnlyList<SharedPhone>? Phones);

internal sealed record SharedPhone(
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("wa_id")] string? WaId);

internal sealed record WebhookLocation(
    [property: JsonPropertyName("latitude")] double? Latitude,
    [property: JsonPropertyName("longitude")] double? Longitude,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("address")] string? Address);

internal sealed record WebhookStatus(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("timestamp")] string? Timestamp,
    [property: JsonPropertyName("recipient_id")] string? RecipientId,
    [property: JsonPropertyName("recipient_user_id")] string? RecipientUserId,
    [property: JsonPropertyName("errors")] IReadOnlyList<WebhookStatusError>? Errors = null);

/// <summary>Why a message failed (a <c>failed</c> status): the Cloud API's error code, its title, and sometimes details.</summary>
internal sealed record WebhookStatusError(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("error_data")] WebhookErrorData? ErrorData);

internal sealed record WebhookErrorData([property: JsonPropertyName("details")] string? Details);

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(WebhookBody))]
internal sealed partial class WhatsAppJson : JsonSerializerContext;
