using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.BadInput;

/// <summary>
/// Bad-input corpus, command-line values of kinds OperatorCommandLineTests does not hold: dialogs verbs with
/// bad folders, --db at a folder, at a file that is no database or in a missing folder, bad --limit and --lang,
/// unknown verbs and options. Each: a non-zero exit, a first line that says what is wrong, no stack trace, and
/// nothing created in the folder.
///
/// Count: 17 values (OperatorCommandLineTests holds about 94 more).
/// </summary>
public sealed class BadCommandLineCorpusTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Each_bad_value_is_refused_with_a_clear_first_line_and_creates_nothing()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_folder.Path, "adir")).FullName;
        var notDb = _folder.File("notdb.db", "hello, not a database\n");
        var missing = Path.Combine(_folder.Path, "missing", "x.db");
        var missingDialogs = Path.Combine(_folder.Path, "no-dialogs");
        var dialogs = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");
        (string[] Arguments, string Expected)[] cases =
        [
            (["deadletters", "list", "--db", dir], "deadletters list: no database at "),
            (["deadletters", "list", "--db", notDb], "deadletters list: "),
            (["deadletters", "list", "--db", missing], "deadletters list: no database at "),
            (["deadletters", "list", "--db", missing, "--limit", "-1"], "deadletters list: --limit must be 1 or more."),
            (["deadletters", "list", "--db", missing, "--limit", "0"], "deadletters list: --limit must be 1 or more."),
            (["deadletters", "list", "--db", missing, "--limit", "abc"], "Cannot parse argument 'abc' for option '--limit'"),
            (["deadletters", "purge", "--db", missing], "Required command was not provided."),
            (["frobnicate"], "Unrecognized command or argument 'frobnicate'."),
            (["--bogus-option"], "Unrecognized command or argument '--bogus-option'."),
            (["chat", "--lang", "xx", "--db", missing, "--dialogs", dialogs], "--lang is 'id' or 'en', not 'xx'."),
            (["dialogs", "validate", "--dialogs", missingDialogs], "dialogs validate: The dialogs folder "),
            (["dialogs", "test", "--dialogs", missingDialogs], "dialogs test: The dialogs folder "),
            (["dialogs", "graph", "nosuch", "--dialogs", dialogs], "dialogs graph: unknown dialog 'nosuch'; known: "),
            (["dialogs", "graph", "stimulus-eligibility", "--dialogs", dialogs, "--format", "pdf"], "Argument 'pdf' not recognized."),
            (["report", "funnel", "nosuchdialog", "--db", notDb, "--dialogs", dialogs], "report funnel: "),
            (["health", "--db", missing], "unhealthy: the database "),
            (["broadcast", "status", "abc", "--db", missing], "Cannot parse argument 'abc' for command 'status'"),
        ];
        var before = Files();

        var results = new List<(string[] Arguments, string Expected, (int ExitCode, string Output, string Error) Result)>();
        foreach (var batch in cases.Chunk(4)) // a few processes at a time: the machine is shared
        {
            var run = batch.Select(async c => (c.Arguments, c.Expected, await AssistantProcess.RunAsync(string.Empty, c.Arguments))).ToArray();
            results.AddRange(await Task.WhenAll(run));
        }

        var failures = new List<string>();
        foreach (var (arguments, expected, (exitCode, output, error)) in results)
        {
            var first = (error + output).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            if (exitCode == 0 || !first.StartsWith(expected, StringComparison.Ordinal)
                || (error + output).Contains("Exception", StringComparison.Ordinal) || (error + output).Contains("   at ", StringComparison.Ordinal))
            {
                failures.Add($"{string.Join(' ', arguments)}: exit {exitCode}, first line \"{first}\"");
            }
        }

        Assert.Equal(17, cases.Length);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, Files());
    }

    private string[] Files() => [.. Directory.EnumerateFileSystemEntries(_folder.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
}
