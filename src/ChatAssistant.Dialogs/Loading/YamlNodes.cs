using ChatAssistant.Dialogs.Definitions;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>Small helpers over YamlDotNet's node model that keep the file name with every position.</summary>
internal static class YamlNodes
{
    public static SourcePosition At(this YamlNode node, string file) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column);

    public static string? Scalar(this YamlNode node) => (node as YamlScalarNode)?.Value;

    public static bool IsQuoted(this YamlScalarNode node) =>
        node.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted;

    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(this YamlMappingNode map)
    {
        foreach (var (key, value) in map.Children)
        {
            yield return (key.Scalar() ?? string.Empty, key, value);
        }
    }

    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
