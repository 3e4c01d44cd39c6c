using System.Text.Json;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// One request to the messages endpoint as the stand-in received it: the phone number id in the path, the
/// Authorization header, the JSON body, what it answered (200 with <see cref="WamId"/>, or the failure's status), and
/// when it arrived on the stand-in's own stopwatch (<see cref="At"/>), for rate checks: Meta counts requests as they
/// arrive.
/// </summary>
internal sealed record CloudSend(string PhoneNumberId, string? Authorization, JsonElement Body, int StatusCode, string? WamId, TimeSpan At = default)
{
    public bool Accepted => StatusCode == 200;

    /// <summary>Who it went to: <c>to</c> (a phone number) or <c>recipient</c> (a BSUID).</summary>
    public string To => (Body.TryGetProperty("to", out var to) ? to : Body.GetProperty("recipient")).GetString()!;

    public string Type => Body.GetProperty("type").GetString()!;

    /// <summary>The text of a text message, or the body of an interactive one; a template's name and parameters.</summary>
    public string Text => Type switch
    {
        "text" => Body.GetProperty("text").GetProperty("body").GetString()!,
        "template" => Template.Name + "(" + string.Join(", ", Template.Parameters) + ")",
        _ => Interactive.GetProperty("body").GetProperty("text").GetString()!,
    };

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

    /// <summary>What the owner can tap in this message: its reply buttons or list rows; none for a text or template.</summary>
    public IReadOnlyList<CloudChoice> Choices => Type != "interactive" ? []
        : InteractiveType == "button" ? [.. ReplyButtons.Select(b => new CloudChoice(CloudChoiceKind.Button, b.Id, b.Title, null))]
        : [.. Rows.Select(r => new CloudChoice(CloudChoiceKind.ListRow, r.Id, r.Title, r.Description))];

    /// <summary>A template send's name, language code and body parameters.</summary>
    public (string Name, string Language, IReadOnlyList<string> Parameters) Template
    {
        get
        {
            var template = Body.GetProperty("template");
            IReadOnlyList<string> parameters = template.TryGetProperty("components", out var components)
                ? [.. components.EnumerateArray().Where(c => c.TryGetProperty("type", out var t) && t.GetString() == "body")
                    .SelectMany(c => c.TryGetProperty("parameters", out var p) ? (IEnumerable<JsonElement>)p.EnumerateArray() : [])
                    .Select(p => p.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty)]
                : [];
            return (template.GetProperty("name").GetString()!, template.GetProperty("language").GetProperty("code").GetString()!, parameters);
        }
    }
}
