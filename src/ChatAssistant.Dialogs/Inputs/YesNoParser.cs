using System.Text;

namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Understands the yes/no answers owners actually type: "iya kak", "iyaa", "ya pak", "sip", "udah", "blm",
/// "gak ada", "belum punya", "ndak", "engga", "iya bener", 👍, "yep", "nope". The words are data
/// (Data/vocabulary.yaml): yes-words, no-words, verbs that a no-word negates ("gak ada"), and particles that
/// change nothing ("kak", "dong", "deh"). Anything else in the answer ("tidak tahu", "ya, sudah sejak tahun
/// lalu") makes it something other than a yes or no, so it is refused and the caller asks what was meant.
/// Questions are phrased so that "sudah", "pernah", "punya" and "ada" mean yes.
/// </summary>
internal static class YesNoParser
{
    // A yes or no with a few particles fits in this; a longer text is a sentence with something else to say.
    private const int MaxLength = 60;
    private const int MaxCoreWords = 4;
    private const string YesWord = "ya";
    private const string NoWord = "tidak";

    // Reused per thread: reading an answer is on every message's path and allocates nothing.
    [ThreadStatic]
    private static StringBuilder? _replaced;

    [ThreadStatic]
    private static StringBuilder? _folded;

    public static bool TryParse(ReadOnlySpan<char> text, out bool yes)
    {
        yes = false;
        text = text.Trim();
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        var replaced = (_replaced ??= new StringBuilder(MaxLength * 2)).Clear();
        ReplaceEmoji(text, replaced);
        var folded = (_folded ??= new StringBuilder(MaxLength * 2)).Clear();
        if (IsAscii(replaced))
        {
            // Plain ASCII is already in form KD: folded straight from the builder (see TextFold.Words).
            foreach (var chunk in replaced.GetChunks())
            {
                TextFold.AppendWords(chunk.Span, folded);
            }
        }
        else
        {
            folded.Append(TextFold.Words(replaced.ToString()));
        }

        var hasYes = false;
        var hasNo = false;
        var core = 0;
        Span<char> all = folded.Length <= 256 ? stackalloc char[256] : new char[folded.Length];
        all = all[..folded.Length];
        folded.CopyTo(0, all, folded.Length);
        Span<char> squeezed = all.Length <= 256 ? stackalloc char[256] : new char[all.Length];
        var particles = Vocabulary.Particles.GetAlternateLookup<ReadOnlySpan<char>>();
        var no = Vocabulary.No.GetAlternateLookup<ReadOnlySpan<char>>();
        var yesWords = Vocabulary.Yes.GetAlternateLookup<ReadOnlySpan<char>>();
        var affirm = Vocabulary.Affirm.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in all.Split(' '))
        {
            var token = all[range];
            if (token.IsEmpty)
            {
                continue;
            }

            ReadOnlySpan<char> word = squeezed[..TextFold.Squeeze(token, squeezed)];
            if (particles.Contains(word) || (core > 0 && word is "ya" or "yah"))
            {
                continue;
            }

            if (++core > MaxCoreWords)
            {
                return false;
            }

            if (no.Contains(word))
            {
                hasNo = true;
            }
            else if (yesWords.Contains(word))
            {
                hasYes = true;
            }
            else if (!affirm.Contains(word))
            {
                return false;
            }
        }

        // "ya tidak" says both; "gak ada" and "tidak benar" are a no-word negating a verb.
        if (core == 0 || (hasYes && hasNo))
        {
            return false;
        }

        yes = !hasNo;
        return true;
    }

    private static bool IsAscii(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            if (!System.Text.Ascii.IsValid(chunk.Span))
            {
                return false;
            }
        }

        return true;
    }

    // Thumbs and ticks are answers; friendly faces and 🙏 (thanks or please) are politeness, like "kak";
    // any other symbol is kept, so it makes the answer unreadable rather than silently ignored.
    private static void ReplaceEmoji(ReadOnlySpan<char> text, StringBuilder builder)
    {
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case 0x1F44D or 0x1F44C or 0x2705 or 0x2714 or 0x2611 or 0x1F197 or 0x1F646:
                    builder.Append(' ').Append(YesWord).Append(' ');
                    break;
                case 0x1F44E or 0x274C or 0x274E or 0x2716 or 0x1F6AB or 0x1F645:
                    builder.Append(' ').Append(NoWord).Append(' ');
                    break;
                case 0x1F64F or 0x1F642 or 0x1F60A or 0x1F601 or 0x1F600 or 0x1F604 or 0x1F603 or 0x263A
                    or 0x1F917 or 0x1F607 or 0x1F970 or 0x2764 or 0x1F60D or 0x1F44B or 0x1F91D or 0x1F4AA:
                case >= 0x1F3FB and <= 0x1F3FF: // skin tones
                case 0xFE0F or 0xFE0E or 0x200D or 0x200C:
                case '.' or '!' or '?' or ',' or ';' or ':' or '-' or '~' or '(' or ')' or '"' or '*':
                    builder.Append(' ');
                    break;
                default:
                    if (Rune.IsLetterOrDigit(rune) || Rune.IsWhiteSpace(rune) || rune.Value is '\'' or 0x2019)
                    {
                        builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
                    }
                    else
                    {
                        builder.Append(" unknownsymbol ");
                    }

                    break;
            }
        }
    }
}
