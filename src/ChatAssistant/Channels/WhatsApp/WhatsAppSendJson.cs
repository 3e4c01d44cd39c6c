using System.Text.Json.Serialization;

namespace ChatAssistant.Channels.WhatsApp;

// The Cloud API's message shapes, as far as the sender uses them (POST /{phone-number-id}/messages). Property names
// are written snake_case by the context below; absent parts (null) are left out.

/// <summary>
/// One request to the messages endpoint, to the owner's chat id: a phone number (wa_id, digits) goes in <c>to</c>, a
/// business-scoped user id (BSUID, e.g. <c>ID.1349…</c>; an owner with a username may have no number) in
/// <c>recipient</c>, which the Cloud API takes instead of <c>to</c>.
/// </summary>
internal sealed record WaSendRequest(string MessagingProduct, string RecipientType, [property: JsonIgnore] string Chat, string Type, WaText? Text, WaInteractive? Interactive, WaTemplate? Template = null)
{
    public string? To => IsPhoneNumber(Chat) ? Chat : null;

    public string? Recipient => IsPhoneNumber(Chat) ? null : Chat;

    private static bool IsPhoneNumber(string chat) => chat.Length > 0 && chat.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}

/// <summary>An approved template (<c>type: template</c>): its name, language and the body's text parameters in order.</summary>
internal sealed record WaTemplate(string Name, WaLanguage Language, IReadOnlyList<WaComponent>? Components);

internal sealed record WaLanguage(string Code);

/// <summary>A template component; the sender fills the body (<c>type: body</c>) only.</summary>
internal sealed record WaComponent(string Type, IReadOnlyList<WaParameter> Parameters);

internal sealed record WaParameter(string Type, string Text);

internal sealed record WaText(string Body, bool PreviewUrl);

/// <summary>Reply buttons (<c>type: button</c>) or a list (<c>type: list</c>).</summary>
internal sealed record WaInteractive(string Type, WaBody Body, WaAction Action);

internal sealed record WaBody(string Text);

/// <summary>Buttons for reply buttons; Button (the text that opens the list) and Sections for a list.</summary>
internal sealed record WaAction(string? Button, IReadOnlyList<WaReplyButton>? Buttons, IReadOnlyList<WaSection>? Sections);

internal sealed record WaReplyButton(string Type, WaReply Reply);

internal sealed record WaReply(string Id, string Title);

internal sealed record WaSection(string? Title, IReadOnlyList<WaRow> Rows);

internal sealed record WaRow(string Id, string Title, string? Description);

/// <summary>The answer to a send: <c>messages[0].id</c> is the wamid.</summary>
internal sealed record WaSendResponse(IReadOnlyList<WaMessageId>? Messages);

internal sealed record WaMessageId(string Id);

/// <summary>A Graph API error answer: <c>{"error": {"message", "type", "code", "error_subcode", "error_data": {"details"}, "fbtrace_id"}}</c>.</summary>
internal sealed record WaErrorResponse(WaError? Error);

internal sealed record WaError(string? Message, string? Type, int Code, int? ErrorSubcode, WaErrorData? ErrorData, string? FbtraceId);

internal sealed record WaErrorData(string? Details);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WaSendRequest))]
[JsonSerializable(typeof(WaSendResponse))]
[JsonSerializable(typeof(WaErrorResponse))]
internal sealed partial class WhatsAppSendJson : JsonSerializerContext;
