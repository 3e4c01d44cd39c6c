using System.Text;
using System.Text.Json;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Outbox;

/// <summary>
/// Buttons as stored in the outbox: a JSON array of [label, data] pairs, [label, data, short] for a button with a
/// short label (rows written before short labels existed read as before), written without reflection.
/// </summary>
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
                if (button.Short is { } shortLabel)
                {
                    writer.WriteStringValue(shortLabel);
                }

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
            var shortLabel = pair.GetArrayLength() > 2 ? pair[2].GetString() : null;
            buttons.Add(new Button(pair[0].GetString() ?? string.Empty, pair[1].GetString() ?? string.Empty, shortLabel));
        }

        return buttons;
    }
}
