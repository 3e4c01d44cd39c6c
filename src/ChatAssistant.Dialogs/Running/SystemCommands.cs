namespace ChatAssistant.Dialogs.Running;

/// <summary>Global commands in both languages, and the names no dialog file may take.</summary>
public static class SystemCommands
{
    // The global commands, which work at every step: reserved so that a dialog file cannot shadow them.
    // Everything else is a dialog file, the privacy commands (/datasaya...), the announcements opt-out and
    // opt-in (/berhenti, /mulai) and the operators' broadcast (/siaran) included.
    private static readonly string[] Reserved =
    [
        "/start", "/menu", "/batal", "/cancel", "/kembali", "/back", "/ulang", "/restart", "/bahasa", "/language",
        "/bantuan", "/help", HandoffCommand, "/human",
    ];

    /// <summary>The command (and the data of the offer's button) that asks for a person: /petugas, or /human.</summary>
    public const string HandoffCommand = "/petugas";

    public static bool IsReserved(string command) => Array.IndexOf(Reserved, command.ToLowerInvariant()) >= 0;

    /// <summary>Whether an owner's text is the cancel command (/batal, /cancel, in any case, "/batal@SomeBot" too), with or without words after it.</summary>
    public static bool IsCancel(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan().Trim();
        var space = span.IndexOfAny(' ', '\n');
        var command = space < 0 ? span : span[..space];
        var at = command.IndexOf('@');
        return Parse(at > 0 ? command[..at] : command) == SystemCommand.Cancel;
    }

    /// <summary>The announcements opt-out command the plain words stand for (the dialog file announcements-stop.yaml).</summary>
    internal const string OptOutCommand = "/berhenti";

    /// <summary>
    /// Whether the message is only an opt-out word, as owners write it on WhatsApp, where "STOP" is how one ends
    /// messages from a business: STOP or berhenti, in any case, alone, perhaps with a full stop or an exclamation mark.
    /// </summary>
    internal static bool IsOptOutWord(string text)
    {
        var word = text.AsSpan().Trim().TrimEnd(".!").TrimEnd();
        return word.Equals("stop", StringComparison.OrdinalIgnoreCase) || word.Equals("berhenti", StringComparison.OrdinalIgnoreCase);
    }

    internal static SystemCommand Parse(ReadOnlySpan<char> command)
    {
        Span<char> lower = stackalloc char[Math.Min(command.Length, 32)];
        if (command.Length > 32)
        {
            return SystemCommand.None;
        }

        command.ToLowerInvariant(lower);
        return lower switch
        {
            "/start" or "/menu" => SystemCommand.Menu,
            "/batal" or "/cancel" => SystemCommand.Cancel,
            "/kembali" or "/back" => SystemCommand.Back,
            "/ulang" or "/restart" => SystemCommand.Restart,
            "/bahasa" or "/language" => SystemCommand.Language,
            "/bantuan" or "/help" => SystemCommand.Help,
            "/petugas" or "/human" => SystemCommand.Human,
            _ => SystemCommand.None,
        };
    }
}
