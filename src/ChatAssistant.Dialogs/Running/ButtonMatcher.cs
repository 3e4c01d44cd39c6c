using System.Globalization;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// Which button an owner means by what they typed: its number as the channel shows it ("1", "1.", "[1]") or
/// its label, in any letter case, with or without the label's trailing mark ("apa ini" for "Apa ini?",
/// "lainnya" for "Lainnya ›"). Reads spans only: nothing is allocated per message.
/// </summary>
internal static class ButtonMatcher
{
    /// <returns>The index of the button meant, or -1.</returns>
    /// <param name="numbers">False where a bare number is an answer of its own (a count), not a button.</param>
    public static int Match(string text, IReadOnlyList<Button> buttons, bool numbers)
    {
        if (buttons.Count == 0)
        {
            return -1;
        }

        var typed = Clean(text);
        if (typed.IsEmpty)
        {
            return -1;
        }

        if (int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return numbers && number >= 1 && number <= buttons.Count ? number - 1 : -1;
        }

        for (var i = 0; i < buttons.Count; i++)
        {
            // A WhatsApp owner may type the short label the button showed.
            if (SameWords(typed, Clean(buttons[i].Label)) || (buttons[i].Short is { } shortLabel && SameWords(typed, Clean(shortLabel))))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether the text is a number the owner may mean as a button (used to keep typed counts apart).</summary>
    public static bool IsNumber(string text) =>
        int.TryParse(Clean(text), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static ReadOnlySpan<char> Clean(string text)
    {
        var span = text.AsSpan().Trim();
        while (!span.IsEmpty && span[0] is '[' or '(' or '#')
        {
            span = span[1..].TrimStart();
        }

        while (!span.IsEmpty && span[^1] is '.' or ')' or ']' or '!' or '?' or '›' or '»' or ':')
        {
            span = span[..^1].TrimEnd();
        }

        return span;
    }

    /// <summary>Equal ignoring case, with any run of white space equal to one space.</summary>
    private static bool SameWords(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsWhiteSpace(a[i]) && char.IsWhiteSpace(b[j]))
            {
                while (i < a.Length && char.IsWhiteSpace(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsWhiteSpace(b[j]))
                {
                    j++;
                }

                continue;
            }

            if (char.ToLowerInvariant(a[i]) != char.ToLowerInvariant(b[j]))
            {
                return false;
            }

            i++;
            j++;
        }

        return i == a.Length && j == b.Length;
    }
}
