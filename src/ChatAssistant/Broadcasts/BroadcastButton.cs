using System.Text;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// A button under an announcement that starts a dialog with its parameters, e.g. "Daftar=/pelatihan program=ID":
/// the tap sends the command as if the owner had typed it.
/// </summary>
internal sealed record BroadcastButton(string Label, string Command)
{
    /// <summary>Telegram's limit for a button's data.</summary>
    public const int MaxCommandBytes = 64;

    public const int MaxLabelLength = 40;

    /// <summary>Reads "Label=/command key=value"; the error says what is wrong, in English (operators' command line).</summary>
    public static bool TryParse(string text, out BroadcastButton button, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        button = null!;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            error = $"--button \"{text}\": write it as \"Label=/command key=value\", e.g. \"Daftar=/pelatihan program=bimtek-digital\".";
            return false;
        }

        var label = text[..equals].Trim();
        var command = text[(equals + 1)..].Trim();
        if (label.Length is 0 or > MaxLabelLength)
        {
            error = $"--button: the label must have 1 to {MaxLabelLength} characters.";
            return false;
        }

        if (command.Length < 2 || command[0] != '/')
        {
            error = $"--button \"{text}\": after '=' comes a command starting with '/', e.g. /pelatihan program=bimtek-digital.";
            return false;
        }

        if (Encoding.UTF8.GetByteCount(command) > MaxCommandBytes)
        {
            error = $"--button: the command may have at most {MaxCommandBytes} bytes (Telegram's limit for a button).";
            return false;
        }

        button = new BroadcastButton(label, command);
        error = string.Empty;
        return true;
    }

    /// <summary>The command word, e.g. "/pelatihan".</summary>
    public string CommandName => Command.Split(' ', 2)[0];

    public override string ToString() => Label + "=" + Command;
}
