using ChatAssistant.Broadcasts;
using Microsoft.AspNetCore.Mvc;

namespace ChatAssistant.OperatorConsole.Pages.Broadcasts;

/// <summary>
/// One broadcast's progress (htmx refreshes the counts every few seconds while it is scheduled or sending) and its
/// cancel button, audited.
/// </summary>
internal sealed class DetailModel(BroadcastConsole broadcasts) : ConsolePageModel
{
    public BroadcastSummary Summary { get; private set; } = null!;

    /// <summary>What the cancel did, in both languages; null before one.</summary>
    public Said? Message { get; private set; }

    public IActionResult OnGet(long id)
    {
        if (broadcasts.Progress(id) is not { } summary)
        {
            return NotFound();
        }

        Summary = summary;
        return Page();
    }

    /// <summary>The counts alone, for htmx's refresh.</summary>
    public IActionResult OnGetProgress(long id) =>
        broadcasts.Progress(id) is { } summary ? Partial("_Progress", summary) : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(long id)
    {
        var result = await broadcasts.CancelAsync(id, Operator, HttpContext.RequestAborted).ConfigureAwait(false);
        if (result is not ({ } previous, var cancelled) || broadcasts.Progress(id) is not { } summary)
        {
            return NotFound();
        }

        Summary = summary;
        Message = previous.IsOpen()
            ? new Said($"Siaran #{id} dibatalkan: {cancelled} penerima tidak akan menerimanya.", $"Broadcast #{id} cancelled: {cancelled} recipients will not get it.")
            : new Said($"Siaran #{id} sudah {BroadcastText.Status(previous)}; tidak ada yang dibatalkan.", $"Broadcast #{id} is already {previous.Name()}; nothing to cancel.");
        return Page();
    }
}
