using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Texts;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Reads one step of a dialog file: which kind it is, and the say, end, call and review steps itself; ask and
/// compute steps have readers of their own.
/// </summary>
internal sealed class StepReader(
    FileReport report, DialogTextReader texts, AnswerKeys keys, NextRuleReader next, AskStepReader asks, ComputeStepReader computes, IReadOnlySet<string>? actions)
{
    public StepDefinition? Read(string id, YamlNode keyNode, YamlNode node, string? following)
    {
        if (node is not YamlMappingNode map)
        {
            report.Error(node, DiagnosticCodes.BadValue, $"step '{id}' is a mapping with one of: say, ask, compute, end");
            return null;
        }

        var kinds = DialogFileKeys.StepKindKeys.Where(k => map.Get(k) is not null).ToList();
        if (kinds.Count != 1)
        {
            report.Error(keyNode, DiagnosticCodes.StepKind, kinds.Count == 0
                ? $"step '{id}' needs one of: say, ask, compute, call, review, end"
                : $"step '{id}' has {string.Join(" and ", kinds)}; a step does one thing");
            return null;
        }

        var position = report.At(keyNode);
        switch (kinds[0])
        {
            case "say":
                report.CheckKeys(map, DialogFileKeys.SayKeys, $"say step '{id}'");
                var sayText = texts.Read(map.Get("say")!, $"step '{id}'");
                return sayText is null ? null : new SayStep(id, position, next.Read(map, id, following), sayText);

            case "ask":
                return asks.Read(id, position, map, following);

            case "compute":
                return computes.Read(id, position, map, following);

            case "review":
                return ReadReview(id, position, map, following);

            case "call":
                return ReadCall(id, position, map, following);

            default:
                report.CheckKeys(map, DialogFileKeys.EndKeys, $"end step '{id}'");
                var endText = texts.Read(map.Get("end")!, $"step '{id}'");
                var outcome = map.Get("outcome")?.Scalar() ?? id;
                return endText is null ? null : new EndStep(id, position, endText, outcome);
        }
    }

    /// <summary>
    /// A step that could not be read (its mistake already reported) still exists, with its ways out: without
    /// it, the same mistake would be reported again as a start or 'goto' to a step that does not exist, and as
    /// unreachable steps behind it. Such a file has an error, so a stand-in never runs. No reader has read the
    /// step's 'next' when it gives up, so reading it here reports nothing twice.
    /// </summary>
    public StepDefinition StandIn(string id, YamlNode keyNode, YamlNode node, string? following)
    {
        var position = report.At(keyNode);
        List<NextRule> rules = node switch
        {
            YamlMappingNode map => map.Get("end") is null ? next.Read(map, id, following) : [],
            _ => following is null ? [] : [new NextRule(null, following, position)],
        };
        var text = new LocalizedText(new Dictionary<string, TextTemplate> { [Languages.Indonesian] = TextTemplate.Parse(id) });

        // An ask step: it has a way out and is not run through automatically, so it raises no dead end or loop.
        return rules.Count == 0
            ? new EndStep(id, position, text, id)
            : new AskStep(id, position, rules, text, new InputSpec(InputKind.Text, [], null, null, null), id);
    }

    private CallStep? ReadCall(string id, SourcePosition position, YamlMappingNode map, string? following)
    {
        report.CheckKeys(map, DialogFileKeys.CallKeys, $"call step '{id}'");
        var actionNode = map.Get("call")!;
        var action = actionNode.Scalar();
        if (action is null || !DialogFileKeys.IsIdentifier(action))
        {
            report.Error(actionNode, DiagnosticCodes.BadValue, "call names an action the assistant provides, e.g. 'call: register_training'");
            return null;
        }

        if (actions is not null && !actions.Contains(action))
        {
            report.Error(actionNode, DiagnosticCodes.UnknownSource,
                $"no action is called '{action}'{Suggestions.DidYouMean(action, actions)}; known: {string.Join(", ", actions.Order(StringComparer.Ordinal))}");
        }

        var sets = new List<string>();
        if (map.Get("sets") is { } setsNode)
        {
            foreach (var item in report.Sequence(setsNode, $"sets of step '{id}'"))
            {
                if (item.Scalar() is { } key && DialogFileKeys.IsKey(key))
                {
                    sets.Add(key);
                }
                else
                {
                    report.Error(item, DiagnosticCodes.BadValue, "sets lists the answer keys the action fills");
                }
            }
        }

        return new CallStep(id, position, next.Read(map, id, following), action, sets);
    }

    private ReviewStep? ReadReview(string id, SourcePosition position, YamlMappingNode map, string? following)
    {
        report.CheckKeys(map, DialogFileKeys.ReviewKeys, $"review step '{id}'");
        var text = texts.Read(map.Get("review")!, $"step '{id}'");
        var items = new List<ReviewItem>();
        if (map.Get("keys") is { } keysNode)
        {
            foreach (var item in report.Sequence(keysNode, $"keys of step '{id}'"))
            {
                if (item is not YamlMappingNode entry)
                {
                    report.Error(item, DiagnosticCodes.BadValue, "a review line is a mapping with 'key' and 'label'");
                    continue;
                }

                report.CheckKeys(entry, DialogFileKeys.ReviewItemKeys, $"review line of step '{id}'");
                var keyNode = entry.Get("key");
                var label = entry.Get("label") is { } labelNode ? texts.Read(labelNode, $"review label of step '{id}'") : null;
                if (keyNode is null || label is null)
                {
                    report.Error(entry, DiagnosticCodes.MissingField, "a review line needs 'key' and 'label'");
                    continue;
                }

                if (keys.Read(keyNode) is { } key)
                {
                    items.Add(new ReviewItem(key, label, report.At(keyNode)));
                }
            }
        }

        if (items.Count == 0)
        {
            report.Error(map, DiagnosticCodes.MissingField, $"review step '{id}' needs 'keys': the answers to show");
        }

        return text is null ? null : new ReviewStep(id, position, next.Read(map, id, following), text, items);
    }
}
