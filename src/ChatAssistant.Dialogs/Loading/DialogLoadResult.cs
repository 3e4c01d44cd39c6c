using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>The dialogs that loaded, and every problem found. A file with an error is not in the catalog.</summary>
public sealed record DialogLoadResult(DialogCatalog Catalog, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
