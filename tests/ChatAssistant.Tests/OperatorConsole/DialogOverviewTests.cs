using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs.Graphs;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.OperatorConsole.Dialogs;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// What the dialogs pages show, below the pages: the live dialogs with their versions and the problems the last load
/// found in their files, files refused with no live version, and the flow as the Mermaid text of <c>dialogs graph</c>.
/// </summary>
public sealed class DialogOverviewTests : IDisposable
{
    /// <summary>A step nothing leads to: a warning, and the file still loads.</summary>
    private static readonly string SalesWithUnreachableStep = TestDialogs.Sales + """

          orphan:
            end: {id: "Tidak pernah.", en: "Never."}
            outcome: other
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Each_live_dialog_has_its_version_and_the_warnings_of_its_file_and_a_broken_file_is_listed_as_refused()
    {
        _folder.File("dialogs/sales.yaml", SalesWithUnreachableStep);
        _folder.File("dialogs/review.yaml", TestDialogs.Review.Replace("version: 1", "version: 4", StringComparison.Ordinal));
        _folder.File("dialogs/broken.yaml", "id: broken\nversion: 1\nsteps: [\n");
        var library = Library();

        var live = library.Load();
        var entries = DialogOverview.Entries(live, library.LastDiagnostics);

        Assert.Equal(["review", "sales"], entries.Select(e => e.Id).Order(StringComparer.Ordinal));
        var sales = Assert.Single(entries, e => e.Id == "sales");
        Assert.Equal((1, "Cek omzet", "Sales check"), (sales.Version, sales.Title, sales.TitleEnglish));
        Assert.EndsWith("sales.yaml", sales.File, StringComparison.Ordinal);
        var warning = Assert.Single(sales.Warnings, w => w.Code == DiagnosticCodes.UnreachableStep);
        Assert.Contains("orphan", warning.Message, StringComparison.Ordinal);
        Assert.Empty(sales.Errors);
        Assert.Equal(4, Assert.Single(entries, e => e.Id == "review").Version);

        var refused = Assert.Single(DialogOverview.OtherFiles(live, library.LastDiagnostics));
        Assert.EndsWith("broken.yaml", refused.File, StringComparison.Ordinal);
        Assert.True(refused.Refused);
        Assert.Null(DialogOverview.Find(live, library.LastDiagnostics, "broken"));
    }

    [Fact]
    public void A_refused_edit_shows_its_errors_beside_the_version_that_stays_live()
    {
        var path = _folder.File("dialogs/sales.yaml", TestDialogs.Sales);
        var library = Library();
        library.Load();
        File.WriteAllText(path, TestDialogs.Sales.Replace("version: 1", "version: 2", StringComparison.Ordinal).Replace("goto: micro", "goto: nowhere", StringComparison.Ordinal));

        var live = library.Load();
        var sales = DialogOverview.Find(live, library.LastDiagnostics, "sales");

        Assert.NotNull(sales);
        Assert.Equal(1, sales.Version);
        Assert.Contains(sales.Errors, e => e.Message.Contains("nowhere", StringComparison.Ordinal));
        Assert.Empty(DialogOverview.OtherFiles(live, library.LastDiagnostics));
    }

    [Fact]
    public void The_flow_is_the_step_flowchart_that_dialogs_graph_prints_first()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales);
        var live = Library().Load();

        var mermaid = DialogOverview.Mermaid(live.Find("sales")!);
        var printed = DialogGraph.Format(live.Find("sales")!.Definition, GraphFormat.Mermaid);

        Assert.StartsWith("flowchart TD", mermaid, StringComparison.Ordinal);
        Assert.StartsWith(mermaid, printed, StringComparison.Ordinal);
        Assert.Contains("end: micro (outcome: micro)", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("conversation (at every question and review)", mermaid, StringComparison.Ordinal);
    }

    private DialogLibrary Library() => new(
        Options.Create(new DialogsOptions { Path = Path.Combine(_folder.Path, "dialogs") }),
        new DialogChannels([]),
        NullLogger<DialogLibrary>.Instance);
}
