using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Conditions;

/// <summary>True when the answer equals one of the listed values.</summary>
public sealed class InCondition(string key, IReadOnlyList<DialogValue> options) : Condition
{
    public string Key { get; } = key;

    public IReadOnlyList<DialogValue> Options { get; } = options;

    public override bool Evaluate(IValueSource values)
    {
        var value = values.Get(Key);
        if (!value.IsSet)
        {
            return false;
        }

        for (var i = 0; i < Options.Count; i++)
        {
            if (value.SameAs(Options[i]))
            {
                return true;
            }
        }

        return false;
    }

    public override IEnumerable<string> Keys => [Key];

    public override string ToString() => $"{Key} in [{string.Join(", ", Options.Select(o => o.Display(Languages.English)))}]";
}
