using System.Text.Json;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// One request to the messages endpoint as the stand-in received it: the phone number id in the path, the
/// Authorization header, the JSON body, what it answered (200 with <see cref="WamId"/>, or the failure's status).
/// </summary>
internal sealed record CloudSend(string PhoneNumberId, string? Authorization, JsonElement Body, int StatusCode, string? WamId)
{
    public bool Accepted => StatusCode == 200;

    public string To => Body.GetProperty("to").GetString()!;

    public string Type => Body.GetProperty("type").GetString()!;

    /// <summary>The text of a text message, or the body of an interactive one.</summary>
    public string Text => Type == "text"
        ? Body.GetProperty("text").GetProperty("body").GetString()!
        : Interactive.GetProperty("body").GetProperty("text").GetString()!;

    public JsonElement Interactive => Body.GetProperty("interactive");

    /// <summary>"button" or "list" for an interactive message.</summary>
    public string InteractiveType => Interactive.GetProperty("type").GetString()!;

    /// <summary>Reply buttons as (id, title).</summary>
    public IReadOnlyList<(string Id, string Title)> ReplyButtons =>
        [.. Interactive.GetProperty("action").GetProperty("buttons").EnumerateArray()
            .Select(b => b.GetProperty("reply"))
            .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("title").GetString()!))];

    /// <summary>List rows of all sections as (id, title, description or null).</summary>
    public IReadOnlyList<(string Id, string Title, string? Description)> Rows =>
        [.. Interactive.GetProperty("action").GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("rows").EnumerateArray())
            .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("title").GetString()!,
                r.TryGetProperty("description", out var d) ? d.GetString() : null))];

    /// <summary>The text of the button that opens a list.</summary>
    public string ListButton => Interactive.GetProperty("action").GetProperty("button").GetString()!;
}
