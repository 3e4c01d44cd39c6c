using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Values;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Reads a <c>compute</c> step, which sets an answer key from one of: <c>cases</c> (the first that holds),
/// <c>sum</c> (a weighted score) or <c>collect</c> (the label keys of the rows that hold).
/// </summary>
internal sealed class ComputeStepReader(FileReport report, ConditionReader conditions, LiteralReader literals, AnswerKeys keys, NextRuleReader next)
{
    public ComputeStep? Read(string id, SourcePosition position, YamlMappingNode map, string? following)
    {
        report.CheckKeys(map, DialogFileKeys.ComputeKeys, $"compute step '{id}'");
        var set = map.Get("compute")!.Scalar();
        if (set is null || !DialogFileKeys.IsKey(set))
        {
            report.Error(map.Get("compute")!, DiagnosticCodes.BadValue, $"compute names the answer key it sets, e.g. 'compute: business_class'");
            return null;
        }

        var ways = new[] { "cases", "sum", "collect" }.Where(k => map.Get(k) is not null).ToList();
        if (ways.Count > 1)
        {
            report.Error(map.Get(ways[1])!, DiagnosticCodes.BadValue, $"compute step '{id}' has {string.Join(" and ", ways)}; it computes from one of cases, sum or collect");
        }

        if (map.Get("sum") is { } sumNode)
        {
            return ReadSum(id, position, map, sumNode, set, following);
        }

        if (map.Get("collect") is { } collectNode)
        {
            return ReadCollect(id, position, map, collectNode, set, following);
        }

        if (map.Get("scale_to") is { } stray)
        {
            report.Error(stray, DiagnosticCodes.BadValue, $"'scale_to' goes with 'sum' (step '{id}')");
        }

        var cases = new List<ComputeCase>();
        if (map.Get("cases") is { } casesNode)
        {
            foreach (var item in report.Sequence(casesNode, $"cases of step '{id}'"))
            {
                if (item is not YamlMappingNode row)
                {
                    report.Error(item, DiagnosticCodes.BadValue, "a case is a mapping with 'value' (or 'value_from') and optionally 'when'");
                    continue;
                }

                report.CheckKeys(row, DialogFileKeys.CaseKeys, $"case of step '{id}'");
                var when = row.Get("when") is { } whenNode ? conditions.Read(whenNode) : null;
                if (row.Get("value") is YamlScalarNode valueNode && row.Get("value_from") is null)
                {
                    cases.Add(new ComputeCase(when, literals.Literal(valueNode, keys.KindOf(set)), report.At(row)));
                }
                else if (row.Get("value_from") is { } fromNode && row.Get("value") is null)
                {
                    // value_from copies another key's value at that moment; 'today' is the current date.
                    var from = fromNode.Scalar() == ComputeCase.Today ? ComputeCase.Today : keys.Read(fromNode);
                    if (from is not null)
                    {
                        cases.Add(new ComputeCase(when, DialogValue.None, report.At(row), from));
                    }
                }
                else
                {
                    report.Error(row, DiagnosticCodes.MissingField, $"a case of step '{id}' needs a 'value' or a 'value_from' (one of them)");
                }
            }
        }
        else
        {
            report.Error(map, DiagnosticCodes.MissingField, $"compute step '{id}' needs 'cases', 'sum' or 'collect'");
        }

        if (cases.Count > 0 && cases[^1].When is not null)
        {
            report.Warning(cases[^1].Position, DiagnosticCodes.DeadEnd, $"compute step '{id}' has no default case (one without 'when'); '{set}' stays unset when no case holds");
        }

        return new ComputeStep(id, position, next.Read(map, id, following), set, cases);
    }

    /// <summary><c>sum</c>: a weighted score, each row adding its weight when its condition holds.</summary>
    private ComputeStep ReadSum(string id, SourcePosition position, YamlMappingNode map, YamlNode sumNode, string set, string? following)
    {
        var terms = new List<ScoreTerm>();
        foreach (var item in report.Sequence(sumNode, $"sum of step '{id}'"))
        {
            if (item is not YamlMappingNode row)
            {
                report.Error(item, DiagnosticCodes.BadValue, "a sum row is a mapping with 'add' and optionally 'when'");
                continue;
            }

            report.CheckKeys(row, DialogFileKeys.SumTermKeys, $"sum row of step '{id}'");
            var when = row.Get("when") is { } whenNode ? conditions.Read(whenNode) : null;
            var add = literals.ReadBound(row, "add", id);
            if (row.Get("add") is null)
            {
                report.Error(row, DiagnosticCodes.MissingField, $"a sum row of step '{id}' needs 'add', a number");
            }
            else if (add is { } weight)
            {
                var applies = row.Get("applies") is { } appliesNode ? conditions.Read(appliesNode) : null;
                terms.Add(new ScoreTerm(when, weight, report.At(row)) { Applies = applies });
            }
        }

        var scale = literals.ReadBound(map, "scale_to", id);
        if (scale is not null && terms.Sum(t => t.Add) <= 0)
        {
            report.Error(map.Get("scale_to")!, DiagnosticCodes.BadValue, $"'scale_to' of step '{id}' needs the weights of 'sum' to add up to more than 0");
        }

        return new ComputeStep(id, position, next.Read(map, id, following), set, [], terms, scale);
    }

    /// <summary><c>collect</c>: a list of label keys, in the order written, of the rows whose condition holds.</summary>
    private ComputeStep ReadCollect(string id, SourcePosition position, YamlMappingNode map, YamlNode collectNode, string set, string? following)
    {
        if (map.Get("scale_to") is { } stray)
        {
            report.Error(stray, DiagnosticCodes.BadValue, $"'scale_to' goes with 'sum' (step '{id}')");
        }

        var items = new List<CollectItem>();
        foreach (var node in report.Sequence(collectNode, $"collect of step '{id}'"))
        {
            if (node is not YamlMappingNode row)
            {
                report.Error(node, DiagnosticCodes.BadValue, "a collect row is a mapping with 'item' and optionally 'when'");
                continue;
            }

            report.CheckKeys(row, DialogFileKeys.CollectItemKeys, $"collect row of step '{id}'");
            var when = row.Get("when") is { } whenNode ? conditions.Read(whenNode) : null;
            var item = row.Get("item")?.Scalar();
            if (item is null || !DialogFileKeys.IsIdentifier(item))
            {
                report.Error(row.Get("item") ?? row, row.Get("item") is null ? DiagnosticCodes.MissingField : DiagnosticCodes.BadValue,
                    $"a collect row of step '{id}' needs 'item', the key of a label (letters, digits, '_', '-')");
                continue;
            }

            items.Add(new CollectItem(when, item, report.At(row.Get("item")!)));
        }

        var skip = literals.ReadBound(map, "skip", id);
        var limit = literals.ReadBound(map, "limit", id);
        if (skip is < 0 || (skip is { } s && !decimal.IsInteger(s)) || limit is < 1 || (limit is { } l && !decimal.IsInteger(l)))
        {
            report.Error(map, DiagnosticCodes.BadValue, $"'skip' (0 or more) and 'limit' (1 or more) of step '{id}' are whole numbers");
        }

        return new ComputeStep(id, position, next.Read(map, id, following), set, [], Collect: items)
        {
            CollectSkip = skip is { } skipped && skipped > 0 ? (int)skipped : 0,
            CollectLimit = limit is { } kept && kept >= 1 ? (int)kept : null,
        };
    }
}
