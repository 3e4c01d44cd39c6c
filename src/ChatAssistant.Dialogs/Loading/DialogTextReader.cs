using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Texts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Reads the texts of a dialog file, one per language the dialog declares, reporting empty texts, languages it
/// does not declare and missing translations.
/// </summary>
internal sealed class DialogTextReader(FileReport report)
{
    /// <summary>The languages the dialog declares; every language until its 'languages' is read.</summary>
    public IReadOnlyList<string> Declared { get; set; } = Languages.All;

    public LocalizedText? Read(YamlNode node, string what, SourcePosition? at = null)
    {
        if (node is YamlScalarNode scalar)
        {
            if (string.IsNullOrWhiteSpace(scalar.Value))
            {
                report.Error(node, DiagnosticCodes.BadValue, $"{what} has an empty text");
                return null;
            }

            WarnIfYesNoWord(scalar);

            // One plain text serves every language: right for names and numbers, a choice the maintainer made.
            var template = TextTemplate.Parse(scalar.Value);
            return new LocalizedText(Declared.ToDictionary(l => l, _ => template));
        }

        if (node is not YamlMappingNode map)
        {
            report.Error(node, DiagnosticCodes.BadValue, $"{what} is a text, or a mapping from language (id, en) to text");
            return null;
        }

        if (map.Children.Count == 0)
        {
            // "{}" has no text at all: an error, not only a missing translation per language.
            report.Error(node, DiagnosticCodes.BadValue, $"{what} has an empty text");
            return null;
        }

        var texts = new Dictionary<string, TextTemplate>(StringComparer.Ordinal);
        foreach (var (language, keyNode, value) in map.Entries())
        {
            if (!Declared.Contains(language))
            {
                report.Error(keyNode, DiagnosticCodes.UnknownKey, Languages.IsKnown(language)
                    ? $"{what} has text for '{language}', which this dialog does not declare in 'languages'"
                    : $"'{language}' is not a language{Suggestions.DidYouMean(language, Declared)}; known: {string.Join(", ", Declared)}");
                continue;
            }

            if (value.Scalar() is not { Length: > 0 } text)
            {
                report.Error(value, DiagnosticCodes.BadValue, $"{what} has an empty '{language}' text");
                continue;
            }

            WarnIfYesNoWord(value);
            texts[language] = TextTemplate.Parse(text);
        }

        foreach (var language in Declared)
        {
            // An empty text was reported above as an error; it is not also a missing translation.
            if (!texts.ContainsKey(language) && map.Get(language) is null)
            {
                report.Warning(at ?? report.At(node), DiagnosticCodes.MissingTranslation, $"{what} has no '{language}' text");
            }
        }

        return texts.Count == 0 ? null : new LocalizedText(texts);
    }

    /// <summary>A text written Yes or No reads as a yes/no value, not a text, in YAML 1.1 tools.</summary>
    private void WarnIfYesNoWord(YamlNode node)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } value } && YamlEventCheck.IsYesNoWord(value))
        {
            report.Warning(report.At(node), DiagnosticCodes.AmbiguousScalar, $"YAML 1.1 parsers read the text '{value}' as a yes/no value; quote it (\"{value}\")");
        }
    }
}
