using ChatAssistant.Dialogs.Conditions;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Benchmarks.Support;

/// <summary>Answers from a dictionary, for firing a dialog machine without a whole engine turn around it.</summary>
internal sealed class FixedValues(Dictionary<string, DialogValue> values) : IValueSource
{
    public DialogValue Get(string key) => values.TryGetValue(key, out var value) ? value : DialogValue.None;
}
