using System.CommandLine;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Testing;

namespace ChatAssistant.Dialogs;

/// <summary>
/// <c>dialogs test [--dialogs DIR]</c>: runs the conversation tests in <c>DIR/tests/*.yaml</c> against the dialogs of DIR,
/// in memory. One line per case, what differed for each failure, then a summary. Exit code 0 when every case
/// passes, 1 when a case fails or a dialog or test file has errors, 2 when the folder cannot be read.
/// </summary>
internal static class TestVerb
{
    public const string TestsFolder = "tests";

    public static Command Create()
    {
        var folder = DialogsVerb.FolderArgument();
        var dialogsOption = DialogsVerb.FolderOption();
        var command = new Command("test", "Run the conversation tests in DIR/tests/*.yaml against the dialogs of DIR, and show what differed.")
        {
            folder, dialogsOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = DialogsVerb.Folder(parse, folder, dialogsOption);
            DialogFolder dialogs;
            DialogFolder tests;
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
            var code = await RunAsync(dialogs, tests, output, cancellationToken).ConfigureAwait(false);
            if (tests.Sources.Count + tests.Refused.Count == 0)
            {
                await output.WriteLineAsync($"No conversation tests in {Path.Combine(path, TestsFolder)}; see dialogs/tests/README.md for the format.".AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            return code;
        });
        return command;
    }

    private static async Task<int> RunAsync(DialogFolder dialogs, DialogFolder tests, TextWriter output, CancellationToken cancellationToken)
    {
        // Warnings are 'dialogs validate's business; errors matter here because a file with one is not loaded.
        var loaded = DialogLoader.Load(dialogs.Sources);
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
    private static DialogFolder ReadTests(string folder) => Directory.Exists(folder) ? DialogFiles.Read(folder) : new DialogFolder([], []);

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
