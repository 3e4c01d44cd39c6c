using ChatAssistant.Dialogs.Definitions;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Where the problems of one dialog file go, each with the file's name, line and column; and the structural
/// checks every part of the reader shares (a list, a required name, only known keys), so that they are worded
/// the same wherever they apply.
/// </summary>
internal sealed class FileReport(string file, List<Diagnostic> diagnostics)
{
    public string File => file;

    /// <summary>How many problems are reported so far; with <see cref="HasErrorSince"/>, whether a part added an error.</summary>
    public int Count => diagnostics.Count;

    public SourcePosition At(YamlNode node) => node.At(file);

    public bool HasErrorSince(int count) => diagnostics.Skip(count).Any(d => d.IsError);

    public void Error(YamlNode node, string code, string message) => Error(node.At(file), code, message);

    public void Error(SourcePosition position, string code, string message) =>
        diagnostics.Add(new Diagnostic(position, DiagnosticSeverity.Error, code, message));

    public void Warning(SourcePosition position, string code, string message) =>
        diagnostics.Add(new Diagnostic(position, DiagnosticSeverity.Warning, code, message));

    public IEnumerable<YamlNode> Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        Error(node, DiagnosticCodes.BadValue, $"{what} is a list");
        return [];
    }

    public string? RequiredScalar(YamlMappingNode map, string key, string what)
    {
        var node = map.Get(key);
        if (node is null)
        {
            Error(map.At(file), DiagnosticCodes.MissingField, $"{what} has no '{key}'");
            return null;
        }

        if (node.Scalar() is not { Length: > 0 } value || !DialogFileKeys.IsIdentifier(value))
        {
            Error(node, DiagnosticCodes.BadValue, $"'{key}' is letters, digits, '_' or '-'");
            return null;
        }

        return value;
    }

    public void CheckKeys(YamlMappingNode map, string[] allowed, string what)
    {
        foreach (var (key, keyNode, _) in map.Entries())
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                Error(keyNode, DiagnosticCodes.UnknownKey, $"unknown key '{key}' in {what}{Suggestions.DidYouMean(key, allowed)}");
            }
        }
    }
}
