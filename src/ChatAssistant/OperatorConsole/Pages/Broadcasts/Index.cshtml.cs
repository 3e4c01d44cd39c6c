using ChatAssistant.Broadcasts;

namespace ChatAssistant.OperatorConsole.Pages.Broadcasts;

/// <summary>Every broadcast, newest first, with its status, times in WIB and counts; each links to its progress.</summary>
internal sealed class IndexModel(BroadcastConsole broadcasts) : ConsolePageModel
{
    public IReadOnlyList<BroadcastSummary> Broadcasts { get; private set; } = [];

    public void OnGet() => Broadcasts = broadcasts.List();
}
