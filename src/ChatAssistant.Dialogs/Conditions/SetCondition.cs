namespace ChatAssistant.Dialogs.Conditions;

/// <summary>True when the answer has been given (or is known from the profile).</summary>
public sealed class SetCondition(string key) : Condition
{
    public string Key { get; } = key;

    public override bool Evaluate(IValueSource values) => values.Get(Key).IsSet;

    public override IEnumerable<string> Keys => [Key];

    public override string ToString() => $"{Key} is set";
}
