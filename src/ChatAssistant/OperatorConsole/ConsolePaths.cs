namespace ChatAssistant.OperatorConsole;

/// <summary>The console's addresses, all under <c>/console</c>.</summary>
internal static class ConsolePaths
{
    public const string Root = "/console";
    public const string SignIn = Root + "/masuk";
    public const string SignOut = Root + "/keluar";
    public const string Audit = Root + "/audit";
}
