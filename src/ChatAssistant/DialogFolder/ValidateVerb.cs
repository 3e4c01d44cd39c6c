using System.CommandLine;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Operators;

namespace ChatAssistant.DialogFolder;

/// <summary>
/// <c>dialogs validate [--dialogs DIR]</c>: every problem of every dialog file at once, one per line as
/// <c>path:line:column: error|warning CODE: message</c> (the form editors and CI annotate), then a summary.
/// Exit code 0 when there is no error, 1 when there is (or, with <c>--strict</c>, a programme rule is past its
/// review date), 2 when the folder cannot be read.
/// </summary>
internal static class ValidateVerb
{
    public static Command Create(TimeProvider time, OperatorVerbHost hosts, DialogChannels channels)
    {
        var folder = DialogsVerb.FolderArgument();
        var dialogsOption = DialogsVerb.FolderOption();
        var strict = new Option<bool>("--strict")
        {
            Description = "Fail (exit code 1) when a programme rule in data/programmes.yaml is past its review_by date, as before a release.",
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Check review dates as of this date (2027-01-31), e.g. a release date; default today in WIB.",
        };
        var command = new Command("validate", "Check every dialog file of a folder and print each problem with its line and column.")
        {
            folder, dialogsOption, strict, asOf,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = DialogsVerb.Folder(parse, folder, dialogsOption, hosts);
            DialogFolderContents read;
            try
            {
                read = DialogFiles.Read(path);
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
            {
                await System.Console.Error.WriteLineAsync($"dialogs validate: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            DateOnly today;
            if (parse.GetValue(asOf) is { } given)
            {
                if (!Shared.Wib.TryParseDate(given, out today))
                {
                    await System.Console.Error.WriteLineAsync($"dialogs validate: --as-of '{given}' is not a date; write it 2027-01-31").ConfigureAwait(false);
                    return 2;
                }
            }
            else
            {
                today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Shared.Wib.Offset).DateTime);
            }

            var result = DialogLoader.Load(read.Sources, today: today, channels: channels.Limits);
            var data = DataFiles(path, channels.DataFiles);
            IReadOnlyList<Diagnostic> diagnostics = [.. read.Refused, .. result.Diagnostics, .. data.SelectMany(d => d.Diagnostics)];
            var output = System.Console.Out;
            foreach (var diagnostic in Sorted(diagnostics))
            {
                await output.WriteLineAsync(diagnostic.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync(Summary(read.Sources.Count + read.Refused.Count + data.Count, diagnostics).AsMemory(), cancellationToken).ConfigureAwait(false);
            var stale = diagnostics.Any(d => d.Code == DiagnosticCodes.StaleRule);
            return diagnostics.Any(d => d.IsError) || (stale && parse.GetValue(strict)) ? 1 : 0;
        });
        return command;
    }

    /// <summary>The data files of the folder that are there (reminders.yaml...), each with its problems.</summary>
    private static List<(string File, IReadOnlyList<Diagnostic> Diagnostics)> DataFiles(string folder, IReadOnlyList<DataFileCheck> checks)
    {
        var checkedFiles = new List<(string, IReadOnlyList<Diagnostic>)>();
        foreach (var check in checks)
        {
            var file = System.IO.Path.Combine(folder, check.File);
            if (File.Exists(file))
            {
                var shown = System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
                checkedFiles.Add((shown, check.Check(file, shown)));
            }
        }

        return checkedFiles;
    }

    /// <summary>In file order, then line and column, as a maintainer reads the file.</summary>
    internal static IEnumerable<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .OrderBy(d => d.Position.File, StringComparer.Ordinal)
        .ThenBy(d => d.Position.Line)
        .ThenBy(d => d.Position.Column);

    /// <summary>"3 files, 2 errors, 1 warning".</summary>
    internal static string Summary(int files, IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count - errors;
        return $"{Count(files, "file")}, {Count(errors, "error")}, {Count(warnings, "warning")}";
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
