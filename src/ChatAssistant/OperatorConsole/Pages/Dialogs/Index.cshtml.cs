using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.OperatorConsole.Dialogs;

namespace ChatAssistant.OperatorConsole.Pages.Dialogs;

/// <summary>
/// Read-only: every dialog the assistant serves now, with its version and the warnings of its file, and the files
/// that were refused (a file with errors is never served; the version before it stays live, or none is).
/// </summary>
internal sealed class IndexModel(ConversationEngine engine, DialogLibrary library) : ConsolePageModel
{
    public IReadOnlyList<DialogEntry> Dialogs { get; private set; } = [];

    public IReadOnlyList<FileProblems> OtherFiles { get; private set; } = [];

    public void OnGet()
    {
        var live = engine.Catalog;
        var diagnostics = library.LastDiagnostics;
        Dialogs = DialogOverview.Entries(live, diagnostics);
        OtherFiles = DialogOverview.OtherFiles(live, diagnostics);
    }
}
