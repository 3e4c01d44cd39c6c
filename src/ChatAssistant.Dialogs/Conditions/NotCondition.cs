namespace ChatAssistant.Dialogs.Conditions;

public sealed class NotCondition(Condition inner) : Condition
{
    public Condition Inner { get; } = inner;

    public override bool Evaluate(IValueSource values) => !Inner.Evaluate(values);

    public override IEnumerable<string> Keys => Inner.Keys;

    public override string ToString() => "not " + Inner;
}
