namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Understands the yes/no answers owners actually type, formal and colloquial ("iya", "gak", "belum").
/// Questions are phrased so that "sudah", "pernah", "punya" and "ada" mean yes.
/// </summary>
internal static class YesNoParser
{
    // Longer than the longest answer ("tidak ada") plus slack: anything longer is a sentence, not a yes or no.
    private const int MaxLength = 16;

    public static bool TryParse(ReadOnlySpan<char> text, out bool yes)
    {
        yes = false;
        text = text.Trim();
        while (!text.IsEmpty && (text[^1] is '.' or '!' or '?' || char.IsWhiteSpace(text[^1])))
        {
            text = text[..^1];
        }

        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        // Lower-case and collapse inner whitespace so "Tidak  Ada" matches "tidak ada".
        Span<char> buffer = stackalloc char[MaxLength];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (buffer[length - 1] != ' ')
                {
                    buffer[length++] = ' ';
                }
            }
            else
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        switch (buffer[..length])
        {
            case "ya" or "y" or "iya" or "yes" or "ok" or "oke" or "betul" or "benar"
                or "sudah" or "pernah" or "punya" or "ada":
                yes = true;
                return true;
            case "tidak" or "tdk" or "gak" or "nggak" or "ga" or "enggak" or "no" or "n"
                or "bukan" or "belum" or "tidak ada" or "ngga":
                yes = false;
                return true;
            default:
                return false;
        }
    }
}
