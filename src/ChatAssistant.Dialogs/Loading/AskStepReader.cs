using System.Globalization;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Texts;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Reads an <c>ask</c> step: its question, the kind of answer it takes, its options (written or filled at run
/// time) and the rules that check and understand an answer (bounds, confirmation, period, "sendiri").
/// </summary>
internal sealed class AskStepReader(FileReport report, DialogTextReader texts, LiteralReader literals, NextRuleReader next, IReadOnlySet<string>? choiceSources)
{
    public AskStep? Read(string id, SourcePosition position, YamlMappingNode map, string? following)
    {
        report.CheckKeys(map, DialogFileKeys.AskKeys, $"ask step '{id}'");
        var question = texts.Read(map.Get("ask")!, $"step '{id}'");
        var options = new List<ChoiceOption>();
        if (map.Get("options") is { } optionsNode)
        {
            foreach (var item in report.Sequence(optionsNode, $"options of step '{id}'"))
            {
                if (ReadOption(item, id) is { } option)
                {
                    if (options.Any(o => o.Value == option.Value))
                    {
                        report.Error(item, DiagnosticCodes.DuplicateId, $"option value '{option.Value}' appears twice in step '{id}'");
                    }

                    options.Add(option);
                }
            }
        }

        var source = map.Get("options_from")?.Scalar();
        if (map.Get("options_from") is { } sourceNode)
        {
            if (source is null || !DialogFileKeys.IsIdentifier(source))
            {
                report.Error(sourceNode, DiagnosticCodes.BadValue, "options_from names a list filled at run time, e.g. 'options_from: training_programs'");
                source = null;
            }
            else if (choiceSources is not null && !choiceSources.Contains(source))
            {
                report.Error(sourceNode, DiagnosticCodes.UnknownSource,
                    $"no run-time list is called '{source}'{Suggestions.DidYouMean(source, choiceSources)}; known: {string.Join(", ", choiceSources.Order(StringComparer.Ordinal))}");
            }

            if (options.Count > 0)
            {
                report.Error(sourceNode, DiagnosticCodes.BadValue, $"step '{id}' has both 'options' and 'options_from'; a choice comes from one or the other");
            }
        }

        var kind = options.Count > 0 || source is not null ? InputKind.Choice : InputKind.Text;
        if (map.Get("input") is { } inputNode)
        {
            if (!DialogFileKeys.TryInputKind(inputNode.Scalar() ?? string.Empty, out kind))
            {
                report.Error(inputNode, DiagnosticCodes.BadValue,
                    $"unknown input '{inputNode.Scalar()}'{Suggestions.DidYouMean(inputNode.Scalar() ?? string.Empty, DialogFileKeys.InputNames)}; known: {string.Join(", ", DialogFileKeys.InputNames)}");
                kind = InputKind.Text;
            }
        }

        if (kind == InputKind.Choice && options.Count == 0 && source is null && map.Get("options_from") is null)
        {
            report.Error(map.Get("input") ?? map, DiagnosticCodes.MissingField, $"choice step '{id}' needs 'options' (or 'options_from')");
        }
        else if (kind != InputKind.Choice && options.Count > 0)
        {
            report.Error(map.Get("options")!, DiagnosticCodes.BadValue, $"'options' only go with input: choice (step '{id}' has input: {DialogFileKeys.InputName(kind)})");
        }

        var min = literals.ReadBound(map, "min", id);
        var max = literals.ReadBound(map, "max", id);
        var reprompt = map.Get("reprompt") is { } repromptNode ? texts.Read(repromptNode, $"reprompt of step '{id}'") : null;
        var help = map.Get("help") is { } helpNode ? texts.Read(helpNode, $"help of step '{id}'") : null;
        var save = map.Get("save")?.Scalar() ?? id;
        if (!DialogFileKeys.IsKey(save))
        {
            report.Error(map.Get("save")!, DiagnosticCodes.BadValue, $"an answer key is letters, digits, '_' or '.', not '{save}'");
        }

        var confirm = true;
        if (map.Get("confirm") is { } confirmNode)
        {
            if (confirmNode.Scalar()?.ToLowerInvariant() is "true" or "false" or "yes" or "no")
            {
                confirm = confirmNode.Scalar()!.ToLowerInvariant() is "true" or "yes";
            }
            else
            {
                report.Error(confirmNode, DiagnosticCodes.BadValue, "confirm is true or false");
            }
        }

        var input = ReadUnderstanding(map, id, new InputSpec(kind, options, min, max, reprompt, source));
        return question is null ? null
            : new AskStep(id, position, next.Read(map, id, following), question, input, save, confirm, help);
    }

    /// <summary>
    /// How an answer is understood beyond its kind: the bounds past which it is said back before it is stored,
    /// the period of a money question, and what "sendiri" counts as at a count.
    /// </summary>
    private InputSpec ReadUnderstanding(YamlMappingNode map, string id, InputSpec input)
    {
        var above = literals.ReadBound(map, "confirm_above", id);
        var below = literals.ReadBound(map, "confirm_below", id);
        foreach (var key in (ReadOnlySpan<string>)["confirm_above", "confirm_below"])
        {
            if (map.Get(key) is { } node && input.Kind is not (InputKind.Money or InputKind.Integer or InputKind.Number or InputKind.Date))
            {
                report.Error(node, DiagnosticCodes.BadValue, $"'{key}' goes with input: money, integer, number or date (step '{id}' has input: {DialogFileKeys.InputName(input.Kind)})");
            }
        }

        if (above is { } high && below is { } low && low > high)
        {
            report.Error(map.Get("confirm_below")!, DiagnosticCodes.BadValue, $"confirm_below of step '{id}' is above its confirm_above");
        }

        var per = AmountPeriod.None;
        if (map.Get("per") is { } perNode)
        {
            per = perNode.Scalar()?.ToLowerInvariant() switch
            {
                "year" => AmountPeriod.Year,
                "month" => AmountPeriod.Month,
                _ => AmountPeriod.None,
            };
            if (per == AmountPeriod.None)
            {
                report.Error(perNode, DiagnosticCodes.BadValue, "per is year or month: the period a money question asks about");
            }
            else if (input.Kind != InputKind.Money)
            {
                report.Error(perNode, DiagnosticCodes.BadValue, $"'per' goes with input: money (step '{id}' has input: {DialogFileKeys.InputName(input.Kind)})");
            }
        }

        int? self = null;
        if (map.Get("self_counts_as") is { } selfNode)
        {
            if (!int.TryParse(selfNode.Scalar(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                report.Error(selfNode, DiagnosticCodes.BadValue, "self_counts_as is what \"sendiri\" (just me) counts as: 0 when the question counts people besides the owner, 1 when it counts everyone");
            }
            else if (input.Kind != InputKind.Integer)
            {
                report.Error(selfNode, DiagnosticCodes.BadValue, $"'self_counts_as' goes with input: integer (step '{id}' has input: {DialogFileKeys.InputName(input.Kind)})");
            }
            else
            {
                self = count;
            }
        }

        return input with { ConfirmAbove = above, ConfirmBelow = below, Per = per, SelfCountsAs = self };
    }

    private ChoiceOption? ReadOption(YamlNode node, string stepId)
    {
        if (node is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value))
        {
            var label = new LocalizedText(texts.Declared.ToDictionary(l => l, _ => TextTemplate.Parse(scalar.Value)));
            return new ChoiceOption(Slug(scalar.Value), label, report.At(node));
        }

        if (node is not YamlMappingNode map)
        {
            report.Error(node, DiagnosticCodes.BadValue, $"an option of step '{stepId}' is a mapping with value and a label per language");
            return null;
        }

        report.CheckKeys(map, DialogFileKeys.OptionKeys, $"option of step '{stepId}'");
        var value = map.Get("value")?.Scalar();
        if (value is null || !DialogFileKeys.IsKey(value))
        {
            report.Error(map.Get("value") ?? map, value is null ? DiagnosticCodes.MissingField : DiagnosticCodes.BadValue,
                $"an option of step '{stepId}' needs a 'value' of letters, digits, '_' or '-'");
            return null;
        }

        var labels = new YamlMappingNode();
        foreach (var (key, keyNode, child) in map.Entries())
        {
            if (key is not ("value" or "synonyms" or "short"))
            {
                labels.Add(keyNode, child);
            }
        }

        var synonyms = new List<string>();
        if (map.Get("synonyms") is { } synonymsNode)
        {
            foreach (var item in report.Sequence(synonymsNode, $"synonyms of option '{value}'"))
            {
                if (item.Scalar() is { Length: > 0 } word && !string.IsNullOrWhiteSpace(word))
                {
                    synonyms.Add(word.Trim());
                }
                else
                {
                    report.Error(item, DiagnosticCodes.BadValue, $"a synonym of option '{value}' is a word or phrase owners type for it");
                }
            }
        }

        var text = texts.Read(labels.Children.Count > 0 ? labels : map, $"option '{value}' of step '{stepId}'", report.At(map));
        var shortLabel = map.Get("short") is { } shortNode ? texts.Read(shortNode, $"short label of option '{value}' of step '{stepId}'", report.At(shortNode)) : null;
        return text is null ? null : new ChoiceOption(value, text, report.At(node)) { Synonyms = synonyms, Short = shortLabel };
    }

    private static string Slug(string label) =>
        new(label.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
