using ChatAssistant.Dialogs.Conditions;
using ChatAssistant.Dialogs.Values;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Reads the conditions of a dialog file (<c>when</c>, <c>applies</c>): operators, the answer keys they name and
/// literals of the kind each key holds, reporting a key nothing sets and a value of the wrong kind.
/// </summary>
internal sealed class ConditionReader(FileReport report, AnswerKeys keys, LiteralReader literals)
{
    public Condition? Read(YamlNode node)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            report.Error(node, DiagnosticCodes.BadValue, $"a condition is a mapping such as {{ eq: [answer_key, value] }}; operators: {string.Join(", ", DialogFileKeys.ConditionKeys)}");
            return null;
        }

        var parts = new List<Condition>();
        foreach (var (op, keyNode, operand) in map.Entries())
        {
            var part = op switch
            {
                "all" or "any" => ReadList(op, operand),
                "not" => Read(operand) is { } inner ? new NotCondition(inner) : null,
                "set" => keys.Read(operand) is { } key ? new SetCondition(key) : null,
                "in" => ReadIn(operand),
                "eq" or "ne" or "lt" or "lte" or "gt" or "gte" => ReadComparison(op, operand),
                _ => UnknownOperator(op, keyNode),
            };
            if (part is not null)
            {
                parts.Add(part);
            }
        }

        // Several operators in one mapping all have to hold, as a maintainer reading it would expect.
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => new AllCondition(parts),
        };
    }

    private Condition? UnknownOperator(string op, YamlNode keyNode)
    {
        report.Error(keyNode, DiagnosticCodes.UnknownKey, $"unknown condition operator '{op}'{Suggestions.DidYouMean(op, DialogFileKeys.ConditionKeys)}");
        return null;
    }

    private Condition? ReadList(string op, YamlNode operand)
    {
        var parts = report.Sequence(operand, op).Select(Read).OfType<Condition>().ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        return op == "all" ? new AllCondition(parts) : new AnyCondition(parts);
    }

    private Condition? ReadComparison(string op, YamlNode operand)
    {
        if (operand is not YamlSequenceNode { Children.Count: 2 } pair || pair[1] is not YamlScalarNode literalNode)
        {
            report.Error(operand, DiagnosticCodes.BadValue, $"'{op}' takes [answer_key, value]");
            return null;
        }

        var key = keys.Read(pair[0]);
        if (key is null)
        {
            return null;
        }

        var kind = keys.KindOf(key);
        var literal = literals.Literal(literalNode, kind);
        if (kind != ValueKind.None && !SameFamily(kind, literal.Kind))
        {
            report.Error(literalNode, DiagnosticCodes.TypeMismatch,
                $"'{key}' is {Describe(kind)} but '{literalNode.Value}' is {Describe(literal.Kind)}");
        }
        else if (op is "lt" or "lte" or "gt" or "gte" && kind is ValueKind.Bool or ValueKind.Text)
        {
            report.Error(pair[0], DiagnosticCodes.TypeMismatch, $"'{op}' orders numbers, money or dates; '{key}' is {Describe(kind)}");
        }

        var comparison = op switch
        {
            "eq" => ComparisonOperator.Eq,
            "ne" => ComparisonOperator.Ne,
            "lt" => ComparisonOperator.Lt,
            "lte" => ComparisonOperator.Lte,
            "gt" => ComparisonOperator.Gt,
            _ => ComparisonOperator.Gte,
        };
        return new CompareCondition(comparison, key, literal);
    }

    private InCondition? ReadIn(YamlNode operand)
    {
        if (operand is not YamlSequenceNode { Children.Count: 2 } pair || pair[1] is not YamlSequenceNode values)
        {
            report.Error(operand, DiagnosticCodes.BadValue, "'in' takes [answer_key, [value, value, ...]]");
            return null;
        }

        var key = keys.Read(pair[0]);
        if (key is null)
        {
            return null;
        }

        var kind = keys.KindOf(key);
        var literalValues = new List<DialogValue>();
        foreach (var item in values)
        {
            if (item is not YamlScalarNode scalar)
            {
                report.Error(item, DiagnosticCodes.BadValue, "values of 'in' are plain values");
                continue;
            }

            var literal = literals.Literal(scalar, kind);
            if (kind != ValueKind.None && !SameFamily(kind, literal.Kind))
            {
                report.Error(scalar, DiagnosticCodes.TypeMismatch, $"'{key}' is {Describe(kind)} but '{scalar.Value}' is {Describe(literal.Kind)}");
            }

            literalValues.Add(literal);
        }

        return new InCondition(key, literalValues);
    }

    private static bool SameFamily(ValueKind a, ValueKind b) =>
        a == b || (a is ValueKind.Number or ValueKind.Money && b is ValueKind.Number or ValueKind.Money);

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Money => "money",
        ValueKind.Number => "a number",
        ValueKind.Bool => "yes/no",
        ValueKind.Date => "a date",
        ValueKind.Text => "text",
        _ => "unknown",
    };
}
