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
        "/bantuan", "/help",
    ];

    public static bool IsReserved(string command) => Array.IndexOf(Reserved, command.ToLowerInvariant()) >= 0;

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
            _ => SystemCommand.None,
        };
    }
}
