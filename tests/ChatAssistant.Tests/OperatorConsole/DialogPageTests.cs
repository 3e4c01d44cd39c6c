using System.Net;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs.Graphs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The console's dialogs pages in the real worker over HTTP, read with an HTML parser: not there without a session,
/// each live dialog with its version and the warnings of its file, refused files, a refused edit beside the version
/// that stays live, and the flow as Mermaid text for the vendored mermaid.min.js; read-only (no form but sign-out).
/// </summary>
public sealed class DialogPageTests : IDisposable
{
    private static readonly string SalesWithUnreachableStep = TestDialogs.Sales + """

          orphan:
            end: {id: "Tidak pernah.", en: "Never."}
            outcome: other
        """;

    private readonly TempFolder _folder = new();

    public DialogPageTests()
    {
        // The operators' /masuk dialog, to sign in, beside the test's own dialogs.
        var shipped = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "console-login.yaml");
        _folder.File("dialogs/console-login.yaml", File.ReadAllText(shipped));
        _folder.File("dialogs/sales.yaml", SalesWithUnreachableStep);
        _folder.File("dialogs/review.yaml", TestDialogs.Review.Replace("version: 1", "version: 4", StringComparison.Ordinal));
        _folder.File("dialogs/broken.yaml", "id: broken\nversion: 1\nsteps: [\n");
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("/console/dialog")]
    [InlineData("/console/dialog/sales")]
    [InlineData("/console/static/mermaid.min.js")]
    [InlineData("/console/static/mermaid-start.js")]
    public async Task Without_a_session_a_dialogs_page_or_its_script_is_not_found(string path)
    {
        await using var worker = await StartAsync();

        using var response = await worker.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Each_live_dialog_is_listed_with_its_version_and_warnings_and_a_refused_file_with_its_errors()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);

        var page = await worker.PageAsync(ConsolePaths.Dialogs);

        var rows = page.QuerySelectorAll("#dialogs tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        var sales = Assert.Single(rows, r => r[0].StartsWith("Cek omzet", StringComparison.Ordinal));
        Assert.Equal("1", sales[1]);
        Assert.Equal("/omzet", sales[2]);
        Assert.Contains("1 peringatan", sales[4], StringComparison.Ordinal);
        var review = Assert.Single(rows, r => r[0].StartsWith("Tinjau", StringComparison.Ordinal));
        Assert.Equal("4", review[1]);
        Assert.Equal("–", review[4]);
        Assert.Contains(rows, r => r[0].Contains("console-login", StringComparison.Ordinal) && r[3] == "operator");
        Assert.NotNull(page.QuerySelector($"a[href='{ConsolePaths.Dialogs}/sales']"));
        var refused = Assert.Single(page.QuerySelectorAll("section.error"));
        Assert.Contains("broken.yaml", refused.TextContent, StringComparison.Ordinal);
        Assert.Contains("ditolak", refused.TextContent, StringComparison.Ordinal);
        Assert.Equal([ConsolePaths.SignOut], page.Forms.Select(f => f.GetAttribute("action")));
    }

    [Fact]
    public async Task A_dialogs_page_has_its_version_its_warnings_and_its_flow_as_mermaid_drawn_by_the_vendored_script()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);

        var page = await worker.PageAsync(ConsolePaths.Dialogs + "/sales");

        Assert.Equal("1", page.GetElementById("version")!.TextContent);
        var warning = Assert.Single(page.QuerySelectorAll("#warnings li"));
        Assert.Contains("unreachable-step", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains("orphan", warning.TextContent, StringComparison.Ordinal);
        Assert.Null(page.GetElementById("errors"));
        var engine = worker.Services.GetRequiredService<ConversationEngine>();
        Assert.Equal(DialogGraph.Mermaid(engine.Catalog.Find("sales")!.Definition), page.QuerySelector("pre.mermaid")!.TextContent);
        Assert.Contains("flowchart TD", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal([ConsolePaths.Static + "/htmx.min.js", ConsolePaths.Static + "/mermaid.min.js", ConsolePaths.Static + "/mermaid-start.js"],
            page.Scripts.Select(s => s.Source));
        Assert.Equal([ConsolePaths.SignOut], page.Forms.Select(f => f.GetAttribute("action")));

        using var script = await worker.GetAsync(ConsolePaths.Static + "/mermaid.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("mermaid", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var start = await worker.GetAsync(ConsolePaths.Static + "/mermaid-start.js");
        Assert.Contains("mermaid.initialize", await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_edit_is_shown_with_its_errors_beside_the_version_that_stays_live()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales.Replace("version: 1", "version: 2", StringComparison.Ordinal).Replace("goto: micro", "goto: nowhere", StringComparison.Ordinal));

        await worker.Services.GetServices<IHostedService>().OfType<DialogReloader>().Single().ReloadAsync(CancellationToken.None);
        var page = await worker.PageAsync(ConsolePaths.Dialogs + "/sales");

        Assert.Equal("1", page.GetElementById("version")!.TextContent);
        Assert.Contains("nowhere", page.GetElementById("errors")!.TextContent, StringComparison.Ordinal);
        var list = await worker.PageAsync(ConsolePaths.Dialogs);
        Assert.Contains("perubahan terbaru ditolak", list.QuerySelector("#dialogs")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dialog_that_is_not_live_is_not_found()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);

        using var broken = await worker.GetAsync(ConsolePaths.Dialogs + "/broken");
        using var unknown = await worker.GetAsync(ConsolePaths.Dialogs + "/tidak-ada");

        Assert.Equal(HttpStatusCode.NotFound, broken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private Task<ConsoleWorker> StartAsync() => ConsoleWorker.StartAsync(_folder, new Dictionary<string, string?>
    {
        ["Dialogs:Path"] = Path.Combine(_folder.Path, "dialogs"),
    });
}
