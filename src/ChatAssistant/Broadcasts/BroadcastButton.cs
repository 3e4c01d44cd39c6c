using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;

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

    /// <summary>
    /// Why the button cannot go out, or null: it must start a dialog every owner may start, with parameters that dialog
    /// takes; otherwise the tap would answer "unknown command", or silently drop the programme the operator meant.
    /// </summary>
    public string? Problem(DialogCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.FindByCommand(CommandName) is not { Definition.Audience: DialogAudience.Owners } dialog)
        {
            var commands = catalog.Dialogs.Where(d => d.Definition.Audience == DialogAudience.Owners).SelectMany(d => d.Definition.Commands);
            return $"no owners' dialog starts with {CommandName}{Closest.Hint(Closest.To(CommandName, commands), english: true)}; the commands are: {string.Join(", ", commands)}.";
        }

        var declared = dialog.Definition.Parameters.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var word in Command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !declared.Contains(word[..equals]))
            {
                return declared.Count == 0
                    ? $"{CommandName} takes no parameters, so \"{word}\" would be ignored."
                    : $"{CommandName} takes {string.Join(", ", declared.Select(k => k + "=..."))}; \"{word}\" would be ignored.";
            }
        }

        return null;
    }
}
