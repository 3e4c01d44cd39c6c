namespace ChatAssistant.Channels.Telegram;

/// <summary>Splits a reply into Telegram-sized messages at paragraph (then line, then word) boundaries.</summary>
internal static class TelegramText
{
    public const int MaxLength = 4096;

    public static IReadOnlyList<string> Split(string text, int maxLength = MaxLength)
    {
        if (text.Length <= maxLength)
        {
            return [text];
        }

        var parts = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > maxLength)
        {
            var window = rest[..maxLength];
            var cut = window.LastIndexOf("\n\n");
            var skip = 2;
            if (cut <= 0)
            {
                cut = window.LastIndexOf('\n');
                skip = 1;
            }

            if (cut <= 0)
            {
                cut = window.LastIndexOf(' ');
                skip = 1;
            }

            if (cut <= 0)
            {
                cut = maxLength;
                skip = 0;
            }

            parts.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[(cut + skip)..].TrimStart('\n');
        }

        if (!rest.IsEmpty)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }
}
