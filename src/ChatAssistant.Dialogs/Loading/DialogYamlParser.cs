using ChatAssistant.Dialogs.Definitions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Parses a dialog file's YAML, turning YamlDotNet's failures into one syntax error at the best position there
/// is, so that a maintainer is pointed at the line to fix rather than at the start of the file.
/// </summary>
internal static class DialogYamlParser
{
    /// <summary>The file's root mapping, or null once the reason is reported.</summary>
    public static YamlMappingNode? Parse(DialogSource source, List<Diagnostic> diagnostics, FileReport report)
    {
        if (!YamlEventCheck.Check(source, diagnostics))
        {
            return null;
        }

        var stream = new YamlStream();
        var parser = new Parser(new StringReader(source.Text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            var (line, column) = ((int)ex.Start.Line, (int)ex.Start.Column);
            if (ex.Start.Index == 0 && parser.Current is { End.Index: > 0 } last)
            {
                // Some YamlDotNet errors (a tab used as indentation) carry no position: point at the first
                // tab-indented line after the last thing read, or else at that last thing.
                var tab = message.Contains("tab", StringComparison.Ordinal) ? TabIndentation(source.Text, (int)last.End.Line) : null;
                (line, column) = tab ?? ((int)last.End.Line, (int)last.End.Column);
            }

            report.Error(new SourcePosition(source.Path, line, column), DiagnosticCodes.YamlSyntax,
                cut >= 0 ? message[(cut + 3)..] : message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, not with a YamlException, on a '[' or '{' left open before a
            // "key: value" line. The last event it read is the best position there is.
            var at = parser.Current?.End ?? Mark.Empty;
            report.Error(new SourcePosition(source.Path, (int)at.Line, (int)at.Column), DiagnosticCodes.YamlSyntax,
                "could not read on from here; is a '[' or '{' before it left open?");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            report.Error(new SourcePosition(source.Path, 1, 1), DiagnosticCodes.BadValue, "a dialog file is a mapping with id, version, title, commands, start and steps");
            return null;
        }

        return root;
    }

    private static (int Line, int Column)? TabIndentation(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(fromLine - 1, 0); i < lines.Length; i++)
        {
            var line = lines[i];
            for (var c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
            {
                if (line[c] == '\t')
                {
                    return (i + 1, c + 1);
                }
            }
        }

        return null;
    }
}
