using System.Globalization;
using System.Text;

namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Folds what an owner typed into comparable words: lower case, no diacritics ("kafé" = "kafe"), punctuation as
/// word breaks, apostrophes dropped ("don't" = "dont"), digits split from letters ("2org" = "2 org").
/// Used by the word-based readers (yes/no, choices, places), which compare words, never raw text.
/// </summary>
internal static class TextFold
{
    public static string Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        AppendWords(decomposed, builder);
        return builder.ToString().TrimEnd();
    }

    /// <summary>
    /// <see cref="Words"/> into a builder, for text already in Unicode form KD (plain ASCII always is), without
    /// trimming the trailing space: the readers that fold on every message split it as spans, allocating nothing.
    /// </summary>
    public static void AppendWords(ReadOnlySpan<char> decomposed, StringBuilder builder)
    {
        var previous = ' ';
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format
                || c is '\'' or '\u2019' or '`')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                if (previous != ' ' && char.IsAsciiDigit(previous) != char.IsAsciiDigit(lower))
                {
                    builder.Append(' ');
                }

                builder.Append(lower);
                previous = lower;
            }
            else if (previous != ' ')
            {
                builder.Append(' ');
                previous = ' ';
            }
        }
    }

    public static string[] Tokens(string text) => Words(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Letters and digits only: "Kab. Bandung Barat" and "kabbandungbarat" fold to the same key.</summary>
    public static string Key(string text) => Words(text).Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>Collapses stretched letters, as owners write them for warmth: "iyaaa" = "iya", "gakkk" = "gak".</summary>
    public static string Squeeze(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (builder.Length == 0 || builder[^1] != c)
            {
                builder.Append(c);
            }
        }

        return builder.Length == word.Length ? word : builder.ToString();
    }

    /// <summary><see cref="Squeeze(string)"/> into <paramref name="target"/> (at least as long as the word); returns the length written.</summary>
    public static int Squeeze(ReadOnlySpan<char> word, Span<char> target)
    {
        var length = 0;
        foreach (var c in word)
        {
            if (length == 0 || target[length - 1] != c)
            {
                target[length++] = c;
            }
        }

        return length;
    }

    /// <summary>
    /// True when one letter is missing, extra, changed, or two neighbours are swapped: the typo a thumb makes.
    /// Equal strings are not "one typo" apart; callers compare for equality first.
    /// </summary>
    public static bool IsOneTypoApart(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == b.Length)
        {
            var first = -1;
            var differences = 0;
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    if (++differences == 1)
                    {
                        first = i;
                    }
                }
            }

            return differences == 1
                || (differences == 2 && first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first]);
        }

        if (Math.Abs(a.Length - b.Length) != 1)
        {
            return false;
        }

        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        var skipped = false;
        for (int i = 0, j = 0; i < shorter.Length; i++, j++)
        {
            if (shorter[i] != longer[j])
            {
                if (skipped)
                {
                    return false;
                }

                skipped = true;
                i--;
            }
        }

        return true;
    }
}
