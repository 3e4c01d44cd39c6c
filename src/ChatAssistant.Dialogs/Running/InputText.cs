using System.Text;

namespace ChatAssistant.Dialogs.Running;

/// <summary>Cleans what an owner typed: Windows line ends, control characters and stray spaces.</summary>
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
            if ((char.IsControl(c) && c != '\n') || c == '\uFEFF')
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
            if (c is '\r' or '\uFEFF')
            {
                continue;
            }

            builder.Append(char.IsControl(c) && c != '\n' ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
