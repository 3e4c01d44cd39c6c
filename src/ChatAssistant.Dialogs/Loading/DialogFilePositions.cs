using ChatAssistant.Dialogs.Definitions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Finds where a file writes its dialog id or one of its commands, for the problems only seen across files
/// (a duplicate id or command), so they point at the value to change rather than the top of the file.
/// Parses the file again: this runs only when such a problem is found.
/// </summary>
internal static class DialogFilePositions
{
    public static SourcePosition? Id(DialogSource source) =>
        Root(source)?.Get("id") is { } node ? node.At(source.Path) : null;

    public static SourcePosition? Command(DialogSource source, string command)
    {
        if (Root(source)?.Get("commands") is not YamlSequenceNode commands)
        {
            return null;
        }

        var node = commands.Children.FirstOrDefault(c => string.Equals(c.Scalar(), command, StringComparison.OrdinalIgnoreCase));
        return node?.At(source.Path);
    }

    private static YamlMappingNode? Root(DialogSource source)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(source.Text));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            return null;
        }
    }
}
