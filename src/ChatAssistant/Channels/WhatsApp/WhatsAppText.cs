namespace ChatAssistant.Channels.WhatsApp;

/// <summary>Cuts texts to WhatsApp's limits without breaking words: long texts at paragraphs, labels at a word.</summary>
internal static class WhatsAppText
{
    /// <summary>A text message's limit.</summary>
    public const int MaxTextLength = 4096;

    private const string Ellipsis = "…";

    /// <summary>Parts of at most <paramref name="maxLength"/> characters, cut at paragraphs, else lines, else words.</summary>
    public static IReadOnlyList<string> Split(string text, int maxLength = MaxTextLength) => ChannelText.Split(text, maxLength);

    /// <summary>
    /// Splits <paramref name="text"/> into a head and a tail of at most <paramref name="tailLength"/> characters, cut
    /// at a paragraph (else a line, else a word): an interactive message's body is shorter than a text message, so
    /// what comes before it goes ahead as text.
    /// </summary>
    public static (string Head, string Tail) SplitTail(string text, int tailLength)
    {
        if (text.Length <= tailLength)
        {
            return (string.Empty, text);
        }

        // The tail starts after the first boundary that leaves at most tailLength characters behind it.
        var window = text.AsSpan(text.Length - tailLength);
        foreach (var separator in (ReadOnlySpan<string>)["\n\n", "\n", " "])
        {
            var at = window.IndexOf(separator, StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = text.Length - tailLength + at;
                return (text[..start].TrimEnd(), text[(start + separator.Length)..].TrimStart());
            }
        }

        var hard = text.Length - tailLength;
        return (text[..hard], text[hard..]);
    }

    /// <summary>
    /// The label itself when it fits, else its first words that fit with "…" after them: never cut inside a word,
    /// unless the first word alone is longer than the limit (then that word is cut, the one case a word boundary cannot serve).
    /// </summary>
    public static string Shorten(string label, int maxLength)
    {
        label = label.Trim();
        if (label.Length <= maxLength)
        {
            return label;
        }

        // A boundary at index i keeps label[..i]; with the ellipsis it must fit: i <= maxLength - 1.
        var keep = maxLength - Ellipsis.Length;
        for (var i = keep; i > 0; i--)
        {
            if (char.IsWhiteSpace(label[i]) && !char.IsWhiteSpace(label[i - 1]))
            {
                return string.Concat(label.AsSpan(0, i).TrimEnd(), Ellipsis);
            }
        }

        return string.Concat(label.AsSpan(0, keep), Ellipsis);
    }
}
