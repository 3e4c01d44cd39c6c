using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.OperatorConsole.Dialogs;
using Microsoft.AspNetCore.Mvc;

namespace ChatAssistant.OperatorConsole.Pages.Dialogs;

/// <summary>
/// Read-only: one live dialog, its version, the problems of its file, and its flow drawn by Mermaid in the page from
/// the text <c>dialogs graph</c> prints (the vendored mermaid.min.js; the text stays on the page for copying).
/// </summary>
internal sealed class DetailModel(ConversationEngine engine, DialogLibrary library) : ConsolePageModel
{
    public DialogEntry Dialog { get; private set; } = null!;

    public string Mermaid { get; private set; } = string.Empty;

    public IActionResult OnGet(string id)
    {
        if (DialogOverview.Find(engine.Catalog, library.LastDiagnostics, id) is not { } dialog)
        {
            return NotFound();
        }

        Dialog = dialog;
        Mermaid = DialogOverview.Mermaid(dialog.Dialog);
        return Page();
    }
}
