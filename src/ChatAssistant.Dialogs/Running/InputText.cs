using System.Globalization;
using System.Text;

namespace ChatAssistant.Dialogs.Running;

/// <summary>Cleans what an owner typed: Windows line ends, control characters, invisible marks and stray spaces.</summary>
internal static class InputText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((char.IsControl(c) && c != '\n') || IsInvisible(c) || IsLoneSurrogate(text, i))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            var trimmed = text.Trim();
            return IsBlank(trimmed) ? string.Empty : trimmed;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' || IsInvisible(c) || IsLoneSurrogate(text, i))
            {
                continue;
            }

            builder.Append(char.IsControl(c) && c != '\n' ? ' ' : c);
        }

        var result = builder.ToString().Trim();
        return IsBlank(result) ? string.Empty : result;
    }

    /// <summary>
    /// True when nothing in the text can be seen: only spaces, joiners, variation selectors, fillers. Such an
    /// answer is no answer ("only zero-width joiners" must not become a business name).
    /// </summary>
    public static bool IsBlank(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && !IsInvisible(c) && !IsBlankMark(c))
            {
                return false;
            }
        }

        return true;
    }

    // Half of a surrogate pair with no other half is no character at all: it cannot be shown or sent back, and
    // Unicode normalisation in the parsers throws on it. Such halves are dropped like invisible marks.
    private static bool IsLoneSurrogate(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
    }

    // Joiners, variation selectors (also the supplementary ones, as surrogate halves) and the blank "letters"
    // (Hangul fillers, braille blank) that show nothing on their own.
    private static bool IsBlankMark(char c) =>
        c is '\u200C' or '\u200D' or '\u3164' or '\u115F' or '\u1160' or '\uFFA0' or '\u2800' or '\u180E'
        || c is >= '\uFE00' and <= '\uFE0F'
        || (char.IsSurrogate(c) && IsVariationSelectorHalf(c));

    // U+E0100–U+E01EF (variation selectors supplement) is \uDB40 followed by \uDD00–\uDDEF; U+E0000–E007F (tags)
    // share the high surrogate. A text of only these is blank; other surrogate pairs are real characters.
    private static bool IsVariationSelectorHalf(char c) => c == '\uDB40' || c is >= '\uDC00' and <= '\uDDEF';

    // Zero-width spaces, bidi marks and the BOM that keyboards and copy-paste leave around numbers: invisible to
    // the owner, yet they make "15 juta" unreadable. Joiners stay, since emoji sequences and some scripts need them.
    private static bool IsInvisible(char c) =>
        c is not ('\u200C' or '\u200D') && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
