using System.CommandLine;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Testing;
using ChatAssistant.Operators;

namespace ChatAssistant.DialogFolder;

/// <summary>
/// <c>dialogs test [--dialogs DIR]</c>: runs the conversation tests in <c>DIR/tests/*.yaml</c> against the dialogs of DIR,
/// in memory. One line per case, what differed for each failure, then a summary. Exit code 0 when every case
/// passes, 1 when a case fails or a dialog or test file has errors, 2 when the folder cannot be read.
/// </summary>
internal static class TestVerb
{
    public const string TestsFolder = "tests";

    public static Command Create(OperatorVerbHost hosts, DialogChannels channels)
    {
        var folder = DialogsVerb.FolderArgument();
        var dialogsOption = DialogsVerb.FolderOption();
        var update = new Option<bool>("--update")
        {
            Description = "Re-record the expected reply texts and buttons of failing turns from what the dialogs now say (after an intended wording change); shows the changes.",
        };
        var yes = new Option<bool>("--yes") { Description = "With --update: write the re-recorded test files (without it, only show the changes)." };
        var command = new Command("test", "Run the conversation tests in DIR/tests/*.yaml against the dialogs of DIR, and show what differed.")
        {
            folder, dialogsOption, update, yes,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = DialogsVerb.Folder(parse, folder, dialogsOption, hosts);
            DialogFolderContents dialogs;
            DialogFolderContents tests;
            try
            {
                dialogs = DialogFiles.Read(path);
                tests = ReadTests(Path.Combine(path, TestsFolder));
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
            {
                await System.Console.Error.WriteLineAsync($"dialogs test: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            var output = System.Console.Out;
            if (parse.GetValue(update))
            {
                var updated = await UpdateAsync(dialogs, tests, channels, parse.GetValue(yes), output, cancellationToken).ConfigureAwait(false);
                if (updated is not { } written)
                {
                    return 1;
                }

                tests = written;
            }

            var code = await RunAsync(dialogs, tests, channels, output, cancellationToken).ConfigureAwait(false);
            if (tests.Sources.Count + tests.Refused.Count == 0)
            {
                await output.WriteLineAsync($"No conversation tests in {Path.Combine(path, TestsFolder)}; see dialogs/tests/README.md for the format.".AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            return code;
        });
        return command;
    }

    private static async Task<int> RunAsync(DialogFolderContents dialogs, DialogFolderContents tests, DialogChannels channels, TextWriter output, CancellationToken cancellationToken)
    {
        // Warnings are 'dialogs validate's business; errors matter here because a file with one is not loaded.
        var loaded = DialogLoader.Load(dialogs.Sources, channels: channels.Limits);
        var dialogErrors = dialogs.Refused.Concat(loaded.Diagnostics.Where(d => d.IsError)).ToList();
        foreach (var error in dialogErrors)
        {
            await output.WriteLineAsync(error.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        var results = new List<ConversationTestResult>();
        var brokenFiles = tests.Refused.Count;
        foreach (var refused in tests.Refused)
        {
            await output.WriteLineAsync(refused.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        foreach (var source in tests.Sources)
        {
            var read = ConversationTestReader.Read(source);
            foreach (var diagnostic in read.Diagnostics)
            {
                await output.WriteLineAsync(diagnostic.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            if (read.File is null)
            {
                brokenFiles++;
                continue;
            }

            foreach (var testCase in read.File.Cases)
            {
                var result = ConversationTestRunner.Run(loaded.Catalog, read.File, testCase);
                results.Add(result);
                await output.WriteLineAsync((result.Passed ? result.Summary : result.Report()).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var warning in ConversationTestRunner.Coverage(loaded.Catalog, results))
        {
            await output.WriteLineAsync(warning.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        var failed = results.Count(r => !r.Passed);
        await output.WriteLineAsync(Summary(results.Count, failed, tests.Sources.Count + tests.Refused.Count, brokenFiles, dialogErrors.Select(d => d.Position.File).Distinct().Count()).AsMemory(), cancellationToken).ConfigureAwait(false);
        return failed > 0 || brokenFiles > 0 || dialogErrors.Count > 0 ? 1 : 0;
    }

    /// <summary>
    /// Re-records the failing expectations of every test file and shows each change as a diff. With
    /// <paramref name="write"/> the files are written (each replaced whole, never half-written) and the tests as
    /// they now are returned to be run; without it nothing is written and null is returned.
    /// </summary>
    internal static async Task<DialogFolderContents?> UpdateAsync(DialogFolderContents dialogs, DialogFolderContents tests, DialogChannels channels, bool write, TextWriter output, CancellationToken cancellationToken)
    {
        var catalog = DialogLoader.Load(dialogs.Sources, channels: channels.Limits).Catalog;
        var updated = new List<DialogSource>();
        var total = 0;
        var files = 0;
        foreach (var source in tests.Sources)
        {
            var result = ConversationTestRecorder.Rerecord(catalog, source);
            foreach (var left in result.NotRecorded)
            {
                await output.WriteLineAsync($"not re-recorded (not a wording change): {left}".AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            if (result.Changes.Count == 0)
            {
                updated.Add(source);
                continue;
            }

            total += result.Changes.Count;
            files++;
            await output.WriteLineAsync(Diff(source.Path, source.Text, result.Text).AsMemory(), cancellationToken).ConfigureAwait(false);
            updated.Add(source with { Text = result.Text });
            if (write)
            {
                var temporary = source.Path + ".update";
                await File.WriteAllTextAsync(temporary, result.Text, cancellationToken).ConfigureAwait(false);
                File.Move(temporary, source.Path, overwrite: true);
            }
        }

        var summary = total == 0
            ? "Nothing to re-record: no failing reply text or buttons."
            : write
                ? $"Re-recorded {Count(total, "expectation")} in {Count(files, "test file")}."
                : $"{Count(total, "expectation")} in {Count(files, "test file")} would be re-recorded; run again with --update --yes to write them.";
        await output.WriteLineAsync(summary.AsMemory(), cancellationToken).ConfigureAwait(false);
        return write || total == 0 ? tests with { Sources = updated } : null;
    }

    /// <summary>The changed lines of a file, as a unified diff without context: '-' before, '+' after.</summary>
    internal static string Diff(string path, string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var diff = new System.Text.StringBuilder($"--- {path}\n+++ {path} (re-recorded)\n");
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
                continue;
            }

            diff.Append(System.Globalization.CultureInfo.InvariantCulture, $"@@ line {x + 1} @@\n");
            while (x < a.Length && (y >= b.Length || common[x + 1, y] >= common[x, y + 1]) && !(y < b.Length && a[x] == b[y]))
            {
                diff.Append('-').Append(a[x++]).Append('\n');
            }

            while (y < b.Length && (x >= a.Length || a[x] != b[y]))
            {
                diff.Append('+').Append(b[y++]).Append('\n');
            }
        }

        return diff.ToString().TrimEnd('\n');
    }

    /// <summary>"12 cases: 11 passed, 1 failed (2 test files)", then what else needs fixing.</summary>
    internal static string Summary(int cases, int failed, int files, int brokenFiles, int brokenDialogs)
    {
        var summary = $"{Count(cases, "case")}: {cases - failed} passed, {failed} failed ({Count(files, "test file")})";
        if (brokenFiles > 0)
        {
            summary += $"; {Count(brokenFiles, "test file")} not run because of errors";
        }

        if (brokenDialogs > 0)
        {
            summary += $"; {Count(brokenDialogs, "dialog file")} with errors";
        }

        return summary;
    }

    /// <summary>The test files of the folder (none when it does not exist), read with the same care as dialog files.</summary>
    private static DialogFolderContents ReadTests(string folder) => Directory.Exists(folder) ? DialogFiles.Read(folder) : new DialogFolderContents([], []);

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
