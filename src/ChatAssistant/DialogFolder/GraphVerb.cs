using System.CommandLine;
using ChatAssistant.Dialogs.Graphs;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Operators;

namespace ChatAssistant.DialogFolder;

/// <summary>
/// <c>dialogs graph ID [--format mermaid|dot] [--dialogs DIR]</c>: the flow of one dialog as a picture to paste
/// into a Markdown file (Mermaid) or render with Graphviz (<c>dot -Tsvg</c>).
/// </summary>
internal static class GraphVerb
{
    public static Command Create(OperatorVerbHost hosts, DialogChannels channels)
    {
        var id = new Argument<string>("id") { Description = "The dialog id (the 'id:' at the top of its file)." };
        var format = new Option<string>("--format")
        {
            Description = "mermaid (a flowchart for Markdown) or dot (Graphviz).",
            DefaultValueFactory = _ => "mermaid",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var dialogs = DialogsVerb.FolderOption();
        var command = new Command("graph", "Draw a dialog's steps and branches as a Mermaid or Graphviz graph.")
        {
            id, format, dialogs,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = DialogsFolder.Resolve(parse.GetValue(dialogs), hosts);
            DialogLoadResult result;
            try
            {
                result = DialogFiles.Load(path, channels);
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
            {
                await System.Console.Error.WriteLineAsync($"dialogs graph: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            var wanted = parse.GetValue(id)!;
            if (result.Catalog.Find(wanted) is not { } dialog)
            {
                await System.Console.Error.WriteLineAsync(UnknownDialog(wanted, result)).ConfigureAwait(false);
                return 1;
            }

            var graphFormat = parse.GetValue(format) == "dot" ? GraphFormat.Dot : GraphFormat.Mermaid;
            await System.Console.Out.WriteAsync(DialogGraph.Format(dialog.Definition, graphFormat).AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static string UnknownDialog(string wanted, DialogLoadResult result)
    {
        var known = result.Catalog.Dialogs.Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
        var message = known.Count == 0
            ? $"dialogs graph: unknown dialog '{wanted}'; no dialog loaded."
            : $"dialogs graph: unknown dialog '{wanted}'; known: {string.Join(", ", known)}.";

        // A file with errors is not loaded, so its dialog is "unknown" here: say why rather than leave it a mystery.
        var broken = result.Diagnostics.Where(d => d.IsError).Select(d => d.Position.File).Distinct(StringComparer.Ordinal).Count();
        return broken == 0 ? message : $"{message} {broken} file(s) have errors and were not loaded; run 'dialogs validate'.";
    }
}
