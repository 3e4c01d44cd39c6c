using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.BadInput;

/// <summary>
/// Bad-input corpus, command-line values of kinds OperatorCommandLineTests does not hold: dialogs verbs with
/// bad folders, --db at a folder, at a file that is no database or in a missing folder, bad --limit and --lang,
/// unknown verbs and options; every operator verb at a missing database, and the database paths that are a folder
/// or no database. Each: a non-zero exit, a first line that says what is wrong, no stack trace, and nothing created
/// in the folder.
///
/// Count: 35 values (OperatorCommandLineTests holds about 94 more).
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
            (["deadletters", "list", "--db", dir], $"deadletters list: {dir} is a folder, not a database file"),
            (["deadletters", "list", "--db", notDb], $"deadletters list: {notDb} is not a ChatAssistant database"),
            (["deadletters", "list", "--db", missing], $"deadletters list: No database at {missing}: check --db or Storage:Path"),
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
            (["report", "funnel", "nosuchdialog", "--db", notDb, "--dialogs", dialogs], $"report funnel: {notDb} is not a ChatAssistant database"),
            (["health", "--db", missing], "unhealthy: the database "),
            (["broadcast", "status", "abc", "--db", missing], "Cannot parse argument 'abc' for command 'status'"),
        ];

        Assert.Equal(17, cases.Length);
        await AssertRefusedAsync(cases);
    }

    /// <summary>
    /// A verb that reads or changes a deployment's data never creates a database at a mistyped --db (an empty new
    /// one would say "No broadcasts yet." and exit 0), and a folder or a file that is no database is said so in
    /// plain words naming the path, not as an SQLite error code; chat leaves no lock files beside a folder.
    /// </summary>
    [Fact]
    public async Task A_missing_folder_or_non_database_path_is_named_plainly_and_nothing_is_created()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_folder.Path, "adir")).FullName;
        var notDb = _folder.File("notdb.db", "hello, not a database\n");
        var typo = Path.Combine(_folder.Path, "typo", "x.db");
        var typoHere = Path.Combine(_folder.Path, "chatassistent.db");
        var text = _folder.File("announcement.txt", "Halo\n");
        var dialogs = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");
        static string Missing(string verb, string path) => $"{verb}: No database at {path}: check --db or Storage:Path; the worker creates it on first start.";
        string Folder(string verb) => $"{verb}: {dir} is a folder, not a database file";
        string NotDb(string verb) => $"{verb}: {notDb} is not a ChatAssistant database";
        (string[] Arguments, string Expected)[] cases =
        [
            (["broadcast", "list", "--db", typo], Missing("broadcast list", typo)),
            (["broadcast", "list", "--db", typoHere], Missing("broadcast list", typoHere)),
            (["broadcast", "status", "1", "--db", typo], Missing("broadcast status", typo)),
            (["broadcast", "preview", "--db", typo, "--dialogs", dialogs], Missing("broadcast preview", typo)),
            (["broadcast", "cancel", "1", "--db", typo], Missing("broadcast cancel", typo)),
            (["broadcast", "create", "--text-file", text, "--db", typo, "--dialogs", dialogs], Missing("broadcast create", typo)),
            (["report", "broadcasts", "--db", typo], Missing("report broadcasts", typo)),
            (["report", "funnel", "stimulus-eligibility", "--db", typo, "--dialogs", dialogs], Missing("report funnel", typo)),
            (["programs", "list", "--db", typo, "--dialogs", dialogs], Missing("programs list", typo)),
            (["registrations", "export", "any", "--db", typo, "--dialogs", dialogs], Missing("registrations export", typo)),
            (["broadcast", "list", "--db", notDb], NotDb("broadcast list")),
            (["programs", "list", "--db", notDb, "--dialogs", dialogs], NotDb("programs list")),
            (["chat", "--db", notDb, "--dialogs", dialogs], NotDb("chat")),
            (["broadcast", "list", "--db", dir], Folder("broadcast list")),
            (["report", "broadcasts", "--db", dir], Folder("report broadcasts")),
            (["programs", "list", "--db", dir, "--dialogs", dialogs], Folder("programs list")),
            (["chat", "--db", dir, "--dialogs", dialogs], Folder("chat")),
            (["dialogs", "validate", "--dialogs", notDb], $"dialogs validate: The dialogs folder '{notDb}' is a file, not a folder."),
        ];

        Assert.Equal(18, cases.Length);
        await AssertRefusedAsync(cases);
    }

    /// <summary>Runs each case (a few processes at a time: the machine is shared): a non-zero exit, the expected first line, no stack trace, nothing created.</summary>
    private async Task AssertRefusedAsync((string[] Arguments, string Expected)[] cases)
    {
        var before = Files();
        var results = new List<(string[] Arguments, string Expected, (int ExitCode, string Output, string Error) Result)>();
        foreach (var batch in cases.Chunk(4))
        {
            var run = batch.Select(async c => (c.Arguments, c.Expected, await AssistantProcess.RunAsync(string.Empty, c.Arguments))).ToArray();
            results.AddRange(await Task.WhenAll(run));
        }

        var failures = new List<string>();
        foreach (var (arguments, expected, (exitCode, output, error)) in results)
        {
            var first = (error + output).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            if (exitCode == 0 || !first.StartsWith(expected, StringComparison.Ordinal)
                || (error + output).Contains("Exception", StringComparison.Ordinal) || (error + output).Contains("   at ", StringComparison.Ordinal)
                || (error + output).Contains("SQLite Error", StringComparison.Ordinal))
            {
                failures.Add($"{string.Join(' ', arguments)}: exit {exitCode}, first line \"{first}\"");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, Files());
    }

    private string[] Files() => [.. Directory.EnumerateFileSystemEntries(_folder.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
}
