namespace ChatAssistant.Channels;

/// <summary>Cuts a long reply into a channel's message size at paragraphs, else lines, else words.</summary>
internal static class ChannelText
{
    /// <summary>Parts of at most <paramref name="maxLength"/> characters, in order; one (possibly empty) part for a short text.</summary>
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > maxLength)
        {
            var (cut, skip) = Cut(rest.AsSpan(0, maxLength));
            parts.Add(rest[..cut].TrimEnd());
            rest = rest[(cut + skip)..].TrimStart('\n');
        }

        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    private static (int Cut, int Skip) Cut(ReadOnlySpan<char> window)
    {
        var cut = window.LastIndexOf("\n\n");
        if (cut > 0)
        {
            return (cut, 2);
        }

        cut = window.LastIndexOf('\n');
        if (cut > 0)
        {
            return (cut, 1);
        }

        cut = window.LastIndexOf(' ');
        return cut > 0 ? (cut, 1) : (window.Length, 0);
    }
}
