using System.Text;
using System.Text.Json;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Outbox;

/// <summary>Buttons as stored in the outbox: a JSON array of [label, data] pairs, written without reflection.</summary>
internal static class OutboxButtons
{
    public static string Encode(IReadOnlyList<Button> buttons)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var button in buttons)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(button.Label);
                writer.WriteStringValue(button.Data);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static IReadOnlyList<Button> Decode(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var buttons = new List<Button>(document.RootElement.GetArrayLength());
        foreach (var pair in document.RootElement.EnumerateArray())
        {
            buttons.Add(new Button(pair[0].GetString() ?? string.Empty, pair[1].GetString() ?? string.Empty));
        }

        return buttons;
    }
}
