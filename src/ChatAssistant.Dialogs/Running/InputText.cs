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
        foreach (var c in text)
        {
            if ((char.IsControl(c) && c != '\n') || IsInvisible(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text.Trim();
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\r' || IsInvisible(c))
            {
                continue;
            }

            builder.Append(char.IsControl(c) && c != '\n' ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    // Zero-width spaces, bidi marks and the BOM that keyboards and copy-paste leave around numbers: invisible to
    // the owner, yet they make "15 juta" unreadable. Joiners stay, since emoji sequences and some scripts need them.
    private static bool IsInvisible(char c) =>
        c is not ('\u200C' or '\u200D') && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
