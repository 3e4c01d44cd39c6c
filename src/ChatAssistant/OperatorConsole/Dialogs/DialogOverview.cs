using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Graphs;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.OperatorConsole.Dialogs;

/// <summary>
/// What the dialogs pages show, read-only: each dialog the engine serves now with its version and the problems the
/// last load found in its file (warnings; errors when a newer edit of the file was refused and this version stayed
/// live), the files refused with no version live, and a dialog's flow as the Mermaid text of <c>dialogs graph</c>.
/// </summary>
internal static class DialogOverview
{
    public static IReadOnlyList<DialogEntry> Entries(DialogCatalog live, IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(live);
        var byFile = ByFile(diagnostics);
        return live.Dialogs
            .OrderBy(d => d.Definition.Audience)
            .ThenBy(d => d.Definition.MenuOrder)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => Entry(d, byFile))
            .ToList();
    }

    /// <summary>One live dialog, or null when the engine serves no dialog with that id.</summary>
    public static DialogEntry? Find(DialogCatalog live, IReadOnlyList<Diagnostic> diagnostics, string id)
    {
        ArgumentNullException.ThrowIfNull(live);
        return live.Find(id) is { } dialog ? Entry(dialog, ByFile(diagnostics)) : null;
    }

    /// <summary>
    /// The problems of files no live dialog comes from: files refused with no version live, and the dialogs' data
    /// (programme rules past their review date), in file order.
    /// </summary>
    public static IReadOnlyList<FileProblems> OtherFiles(DialogCatalog live, IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(live);
        var liveFiles = live.Dialogs.Select(d => d.Definition.Position.File).ToHashSet(StringComparer.Ordinal);
        return ByFile(diagnostics)
            .Where(f => !liveFiles.Contains(f.Key))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new FileProblems(f.Key, f.Value))
            .ToList();
    }

    /// <summary>
    /// The dialog's steps and branches as Mermaid, the flowchart <c>dialogs graph ID</c> starts with. Without the
    /// conversation's states that command adds below: they are the same few for every dialog and, drawn beside a
    /// short dialog, would be most of the picture.
    /// </summary>
    public static string Mermaid(CompiledDialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return DialogGraph.Mermaid(dialog.Definition);
    }

    private static DialogEntry Entry(CompiledDialog dialog, Dictionary<string, IReadOnlyList<Diagnostic>> byFile)
    {
        var definition = dialog.Definition;
        return new DialogEntry(
            dialog,
            definition.Title.Plain(Languages.Indonesian),
            definition.Title.Plain(Languages.English),
            definition.Position.File,
            byFile.GetValueOrDefault(definition.Position.File, []));
    }

    private static Dictionary<string, IReadOnlyList<Diagnostic>> ByFile(IReadOnlyList<Diagnostic> diagnostics) =>
        ValidateVerb.Sorted(diagnostics ?? [])
            .GroupBy(d => d.Position.File, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Diagnostic>)g.ToList(), StringComparer.Ordinal);
}

/// <summary>A live dialog with its titles, its file, and the problems the last load found in that file (sorted by line).</summary>
internal sealed record DialogEntry(CompiledDialog Dialog, string Title, string TitleEnglish, string File, IReadOnlyList<Diagnostic> Problems)
{
    public string Id => Dialog.Id;

    public int Version => Dialog.Version;

    public DialogDefinition Definition => Dialog.Definition;

    public IEnumerable<Diagnostic> Warnings => Problems.Where(p => !p.IsError);

    /// <summary>Errors of the file as it is now: a newer edit was refused, and this version stays live until it is fixed.</summary>
    public IEnumerable<Diagnostic> Errors => Problems.Where(p => p.IsError);
}

/// <summary>A file with problems that no live dialog comes from.</summary>
internal sealed record FileProblems(string File, IReadOnlyList<Diagnostic> Problems)
{
    public bool Refused => Problems.Any(p => p.IsError);
}
