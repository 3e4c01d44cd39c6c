using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Dialogs;

/// <summary><c>dialogs graph</c> as a separate process, on the shipped dialogs and on a folder of its own.</summary>
public sealed class GraphVerbTests : IDisposable
{
    // Read from the file, so the test follows the dialog as maintainers change it.
    private static readonly string[] StimulusSteps = DialogLoader
        .Load([
            new DialogSource("stimulus-eligibility.yaml", File.ReadAllText(Path.Combine(ShippedDialogs, "stimulus-eligibility.yaml"))),
            new DialogSource("data/programmes.yaml", File.ReadAllText(Path.Combine(ShippedDialogs, "data", "programmes.yaml"))),
        ])
        .Catalog.Dialogs.Single().Definition.Steps.Select(s => s.Id).ToArray();

    private readonly TempFolder _folder = new();

    private static string ShippedDialogs => Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");

    [Fact]
    public async Task The_stimulus_graph_is_a_mermaid_flowchart_naming_every_step_and_branch()
    {
        var run = await AssistantProcess.RunAsync("", "dialogs", "graph", "stimulus-eligibility", "--dialogs", ShippedDialogs);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("flowchart TD\n", run.Output, StringComparison.Ordinal);
        Assert.True(StimulusSteps.Length >= 10);
        Assert.All(StimulusSteps, step => Assert.Contains($": {step}", run.Output, StringComparison.Ordinal));
        Assert.Contains("ask: annual_sales (money)", run.Output, StringComparison.Ordinal);
        Assert.Contains("end: criteria_met (outcome: criteria_met)", run.Output, StringComparison.Ordinal);
        Assert.Contains("-->|\"consent = no\"|", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Format_dot_writes_a_graphviz_digraph()
    {
        var run = await AssistantProcess.RunAsync("", "dialogs", "graph", "stimulus-eligibility", "--format", "dot", "--dialogs", ShippedDialogs);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("digraph \"stimulus-eligibility\" {", run.Output, StringComparison.Ordinal);
        Assert.All(StimulusSteps, step => Assert.Contains($"\"{step}\" [label=", run.Output, StringComparison.Ordinal));
        Assert.Contains("\"consent\" -> \"no_consent\" [label=\"consent = no\"];", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_is_an_error_that_lists_the_known_ids()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales);

        var run = await AssistantProcess.RunAsync("", "dialogs", "graph", "stimulus", "--dialogs", Path.Combine(_folder.Path, "dialogs"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal("dialogs graph: unknown dialog 'stimulus'; known: sales.", run.Error.Trim());
    }

    [Fact]
    public async Task A_dialog_whose_file_has_errors_is_unknown_with_a_pointer_to_validate()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales.Replace("input: money", "input: mony", StringComparison.Ordinal));

        var run = await AssistantProcess.RunAsync("", "dialogs", "graph", "sales", "--dialogs", Path.Combine(_folder.Path, "dialogs"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown dialog 'sales'", run.Error, StringComparison.Ordinal);
        Assert.Contains("dialogs validate", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_refused()
    {
        var run = await AssistantProcess.RunAsync("", "dialogs", "graph", "stimulus-eligibility", "--format", "svg", "--dialogs", ShippedDialogs);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("svg", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
