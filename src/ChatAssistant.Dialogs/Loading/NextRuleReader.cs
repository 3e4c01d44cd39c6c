using ChatAssistant.Dialogs.Definitions;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>Reads a step's ways out (<c>next</c>): one step id, or rules of <c>goto</c> with an optional <c>when</c>.</summary>
internal sealed class NextRuleReader(FileReport report, ConditionReader conditions)
{
    public List<NextRule> Read(YamlMappingNode map, string stepId, string? following)
    {
        var rules = new List<NextRule>();
        var node = map.Get("next");
        if (node is null)
        {
            // No 'next' means the step written below it, so a straight flow needs no wiring.
            if (following is not null)
            {
                rules.Add(new NextRule(null, following, report.At(map)));
            }

            return rules;
        }

        if (node is YamlScalarNode scalar)
        {
            rules.Add(new NextRule(null, scalar.Value ?? string.Empty, report.At(node)));
            return rules;
        }

        foreach (var item in report.Sequence(node, $"next of step '{stepId}'"))
        {
            if (item is not YamlMappingNode rule)
            {
                report.Error(item, DiagnosticCodes.BadValue, "a 'next' rule is a mapping with 'goto' and optionally 'when'");
                continue;
            }

            report.CheckKeys(rule, DialogFileKeys.NextRuleKeys, $"next rule of step '{stepId}'");
            var target = rule.Get("goto")?.Scalar();
            if (target is null)
            {
                report.Error(rule, DiagnosticCodes.MissingField, $"a 'next' rule of step '{stepId}' needs 'goto'");
                continue;
            }

            var when = rule.Get("when") is { } whenNode ? conditions.Read(whenNode) : null;
            rules.Add(new NextRule(when, target, report.At(rule.Get("goto")!)));
        }

        return rules;
    }
}
