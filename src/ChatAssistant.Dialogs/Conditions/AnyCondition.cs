namespace ChatAssistant.Dialogs.Conditions;

public sealed class AnyCondition(IReadOnlyList<Condition> parts) : Condition
{
    public IReadOnlyList<Condition> Parts { get; } = parts;

    public override bool Evaluate(IValueSource values)
    {
        for (var i = 0; i < Parts.Count; i++)
        {
            if (Parts[i].Evaluate(values))
            {
                return true;
            }
        }

        return false;
    }

    public override IEnumerable<string> Keys => Parts.SelectMany(p => p.Keys);

    public override string ToString() => "(" + string.Join(" or ", Parts) + ")";
}
