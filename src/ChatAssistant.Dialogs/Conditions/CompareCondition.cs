using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Conditions;

/// <summary>
/// Compares an answer with a literal. An answer that is not set, or cannot be ordered against the literal,
/// makes every comparison false except <c>ne</c>, so a skipped question never satisfies a threshold.
/// </summary>
public sealed class CompareCondition(ComparisonOperator op, string key, DialogValue literal) : Condition
{
    public ComparisonOperator Operator { get; } = op;

    public string Key { get; } = key;

    public DialogValue Literal { get; } = literal;

    public override bool Evaluate(IValueSource values)
    {
        var value = values.Get(Key);
        if (!value.IsSet)
        {
            return Operator == ComparisonOperator.Ne;
        }

        if (Operator is ComparisonOperator.Eq or ComparisonOperator.Ne)
        {
            return value.SameAs(Literal) == (Operator == ComparisonOperator.Eq);
        }

        var order = value.CompareTo(Literal);
        return order is { } o && Operator switch
        {
            ComparisonOperator.Lt => o < 0,
            ComparisonOperator.Lte => o <= 0,
            ComparisonOperator.Gt => o > 0,
            _ => o >= 0,
        };
    }

    public override IEnumerable<string> Keys => [Key];

    public override string ToString()
    {
        var symbol = Operator switch
        {
            ComparisonOperator.Eq => "=",
            ComparisonOperator.Ne => "≠",
            ComparisonOperator.Lt => "<",
            ComparisonOperator.Lte => "≤",
            ComparisonOperator.Gt => ">",
            _ => "≥",
        };
        return $"{Key} {symbol} {Literal.Display(Languages.English)}";
    }
}
