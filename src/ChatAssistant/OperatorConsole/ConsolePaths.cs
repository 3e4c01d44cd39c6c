namespace ChatAssistant.OperatorConsole;

/// <summary>The console's addresses, all under <c>/console</c>.</summary>
internal static class ConsolePaths
{
    public const string Root = "/console";
    public const string SignIn = Root + "/masuk";
    public const string SignOut = Root + "/keluar";
    public const string Audit = Root + "/audit";
    public const string Broadcasts = Root + "/siaran";
    public const string Registrations = Root + "/pendaftaran";
    public const string Dialogs = Root + "/dialog";
    public const string Handoff = Root + "/petugas";

    /// <summary>The vendored scripts (Static/ beside this file, copied to the output).</summary>
    public const string Static = Root + "/static";
}
