using System.Globalization;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Programmes;

/// <summary>
/// Reads <c>data/programmes.yaml</c>: per programme its citation (<c>source</c>, <c>as_of</c>, <c>review_by</c>,
/// optionally <c>url</c> and <c>name</c>) and its <c>rules</c>, each a value or a mapping that may give its own
/// citation. Every problem is reported with its line, as for dialog files.
/// </summary>
internal sealed class ProgrammeDataReader
{
    private static readonly string[] ProgrammeKeys = ["name", "source", "url", "as_of", "review_by", "rules", "note"];
    private static readonly string[] RuleKeys = ["value", "text", "source", "url", "as_of", "review_by", "note"];
    private static readonly string[] Reserved = ["source", "name"];

    private readonly string _file;
    private readonly List<Diagnostic> _diagnostics;

    private ProgrammeDataReader(string file, List<Diagnostic> diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
    }

    public static ProgrammeData? Read(DialogSource source, List<Diagnostic> diagnostics)
    {
        var reader = new ProgrammeDataReader(source.Path, diagnostics);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(source.Text));
        }
        catch (YamlException ex)
        {
            reader.Error(new SourcePosition(source.Path, (int)ex.Start.Line, (int)ex.Start.Column), DiagnosticCodes.YamlSyntax, ex.InnerException?.Message ?? ex.Message);
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root || root.Get("programmes") is not YamlMappingNode programmes)
        {
            reader.Error(new SourcePosition(source.Path, 1, 1), DiagnosticCodes.BadValue, "a programme data file is a mapping with 'programmes:', each programme with its rules");
            return null;
        }

        foreach (var (key, keyNode, _) in root.Entries())
        {
            if (key != "programmes")
            {
                reader.Error(keyNode.At(source.Path), DiagnosticCodes.UnknownKey, $"unknown key '{key}' in the programme data file; its only key is 'programmes'");
            }
        }

        return reader.ReadProgrammes(programmes);
    }

    private ProgrammeData? ReadProgrammes(YamlMappingNode programmes)
    {
        var rules = new List<ProgrammeRule>();
        var labels = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        var errors = _diagnostics.Count(d => d.IsError);
        foreach (var (id, idNode, node) in programmes.Entries())
        {
            if (!IsName(id))
            {
                Error(idNode.At(_file), DiagnosticCodes.BadValue, $"programme id '{id}' is letters, digits, '_' or '-'");
                continue;
            }

            if (node is not YamlMappingNode programme)
            {
                Error(node.At(_file), DiagnosticCodes.BadValue, $"programme '{id}' is a mapping with source, as_of, review_by and rules");
                continue;
            }

            CheckKeys(programme, ProgrammeKeys, $"programme '{id}'");
            var prefix = ProgrammeData.Prefix + id;
            var source = programme.Get("source")?.Scalar();
            var url = programme.Get("url")?.Scalar();
            var asOf = Date(programme, "as_of");
            var reviewBy = Date(programme, "review_by");
            if (source is not null && asOf is { } programmeAsOf)
            {
                labels[prefix + ProgrammeData.SourceSuffix] = ProgrammeData.Citation(source, programmeAsOf);
            }

            if (programme.Get("name") is { } titleNode && Text(titleNode, $"the name of programme '{id}'") is { } title)
            {
                labels[prefix + ProgrammeData.NameSuffix] = title;
            }

            if (programme.Get("rules") is not YamlMappingNode ruleMap)
            {
                Error(programme.At(_file), DiagnosticCodes.MissingField, $"programme '{id}' needs 'rules', a mapping from rule name to value");
                continue;
            }

            foreach (var (name, nameNode, ruleNode) in ruleMap.Entries())
            {
                if (!IsName(name) || Reserved.Contains(name))
                {
                    Error(nameNode.At(_file), DiagnosticCodes.BadValue, $"rule name '{name}' is letters, digits, '_' or '-', and not {string.Join(" or ", Reserved)}");
                    continue;
                }

                var rule = ReadRule(id, prefix + "." + name, nameNode, ruleNode, source, url, asOf, reviewBy);
                if (rule is not null)
                {
                    rules.Add(rule);
                    labels[rule.Key] = rule.Text;
                    labels[rule.Key + ProgrammeData.SourceSuffix] = ProgrammeData.Citation(rule.Source, rule.AsOf);
                }
            }
        }

        return _diagnostics.Count(d => d.IsError) > errors ? null : new ProgrammeData(_file, rules, labels);
    }

    private ProgrammeRule? ReadRule(string programme, string key, YamlNode nameNode, YamlNode node, string? source, string? url, DateOnly? asOf, DateOnly? reviewBy)
    {
        YamlNode? valueNode = node;
        YamlNode? textNode = null;
        if (node is YamlMappingNode map)
        {
            CheckKeys(map, RuleKeys, $"rule '{key}'");
            valueNode = map.Get("value");
            textNode = map.Get("text");
            source = map.Get("source")?.Scalar() ?? source;
            url = map.Get("url")?.Scalar() ?? url;
            asOf = Date(map, "as_of") ?? asOf;
            reviewBy = Date(map, "review_by") ?? reviewBy;
            if (valueNode is null == textNode is null)
            {
                Error(map.At(_file), DiagnosticCodes.MissingField, $"rule '{key}' has one of 'value' (a number, amount, rate or date) or 'text' (words per language)");
                return null;
            }
        }

        var position = nameNode.At(_file);
        if (string.IsNullOrWhiteSpace(source) || asOf is null || reviewBy is null)
        {
            Error(position, DiagnosticCodes.MissingField, $"rule '{key}' needs a source, as_of and review_by (its own, or programme '{programme}''s)");
            return null;
        }

        if (reviewBy < asOf)
        {
            Error(position, DiagnosticCodes.BadValue, $"rule '{key}' is to be reviewed ({reviewBy:yyyy-MM-dd}) before the date it describes ({asOf:yyyy-MM-dd})");
            return null;
        }

        if (textNode is not null)
        {
            var text = Text(textNode, $"rule '{key}'");
            return text is null ? null : new ProgrammeRule(key, programme, string.Empty, text, source, url, asOf.Value, reviewBy.Value, position) { IsText = true };
        }

        if (valueNode is not YamlScalarNode { Value: { Length: > 0 } raw } scalar)
        {
            Error((valueNode ?? node).At(_file), DiagnosticCodes.BadValue, $"the value of rule '{key}' is one plain value (15 miliar, 3%, 2026-10-17); words per language go under 'text'");
            return null;
        }

        return new ProgrammeRule(key, programme, raw, Display(scalar), source, url, asOf.Value, reviewBy.Value, position);
    }

    /// <summary>How a value reads to owners: amounts as people say them, dates spelled out, the rest as written.</summary>
    private static LocalizedText Display(YamlScalarNode scalar)
    {
        var value = LiteralReader.ParseLiteral(scalar, ValueKind.None);
        return new LocalizedText(Languages.All.ToDictionary(l => l, l => ProgrammeData.Literal(value.Kind switch
        {
            ValueKind.Money => ProgrammeData.CompactMoney((long)value.Number, l),
            ValueKind.Date => ProgrammeData.Format(value.AsDate, l),
            ValueKind.Number => value.Display(l),
            _ => scalar.Value!,
        }), StringComparer.Ordinal));
    }

    private LocalizedText? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } plain })
        {
            var template = TextTemplate.Parse(plain);
            return new LocalizedText(Languages.All.ToDictionary(l => l, _ => template, StringComparer.Ordinal));
        }

        if (node is YamlMappingNode map && map.Get(Languages.Indonesian)?.Scalar() is { Length: > 0 } indonesian)
        {
            CheckKeys(map, [.. Languages.All], what);
            var english = map.Get(Languages.English)?.Scalar();
            if (english is null)
            {
                _diagnostics.Add(new Diagnostic(map.At(_file), DiagnosticSeverity.Warning, DiagnosticCodes.MissingTranslation, $"{what} has no 'en' text"));
            }

            return LocalizedText.Of(indonesian, english ?? indonesian);
        }

        Error(node.At(_file), DiagnosticCodes.BadValue, $"{what} is a text, or a mapping from language (id, en) to text");
        return null;
    }

    private DateOnly? Date(YamlMappingNode map, string key)
    {
        if (map.Get(key) is not { } node)
        {
            return null;
        }

        if (DateOnly.TryParseExact(node.Scalar(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(node.At(_file), DiagnosticCodes.BadValue, $"'{key}' is a date written 2025-08-01");
        return null;
    }

    private void CheckKeys(YamlMappingNode map, string[] allowed, string what)
    {
        foreach (var (key, keyNode, _) in map.Entries())
        {
            if (!allowed.Contains(key))
            {
                Error(keyNode.At(_file), DiagnosticCodes.UnknownKey, $"unknown key '{key}' in {what}{Suggestions.DidYouMean(key, allowed)}; known: {string.Join(", ", allowed)}");
            }
        }
    }

    private static bool IsName(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private void Error(SourcePosition position, string code, string message) =>
        _diagnostics.Add(new Diagnostic(position, DiagnosticSeverity.Error, code, message));
}
