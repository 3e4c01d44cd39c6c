using System.Text;
using System.Text.Json;

namespace ChatAssistant.Outbox;

/// <summary>
/// An approved message template a business-initiated message goes as where the channel allows free-form text only
/// inside a window (WhatsApp's 24 hours): the template's name, its language code and the body's parameters in order.
/// Stored as JSON <c>{"name","language","parameters":[…]}</c> (outbox.template, broadcasts.whatsapp_template).
/// </summary>
internal sealed record OutboxTemplate(string Name, string Language, IReadOnlyList<string> Parameters)
{
    public string Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("name", Name);
            writer.WriteString("language", Language);
            writer.WriteStartArray("parameters");
            foreach (var parameter in Parameters)
            {
                writer.WriteStringValue(parameter);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>The template stored as <paramref name="json"/>; null for none (a free-form message).</summary>
    public static OutboxTemplate? Decode(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var parameters = new List<string>();
        if (root.TryGetProperty("parameters", out var list))
        {
            foreach (var parameter in list.EnumerateArray())
            {
                parameters.Add(parameter.GetString() ?? string.Empty);
            }
        }

        return new OutboxTemplate(root.GetProperty("name").GetString() ?? string.Empty, root.GetProperty("language").GetString() ?? string.Empty, parameters);
    }
}
