using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>The host actions of a test case, as the test file gives them: fixed values, read as a dialog file reads condition values.</summary>
internal sealed class FixedDialogActions(IReadOnlyDictionary<string, IReadOnlyList<WrittenValue>> results) : IDialogActions
{
    public IReadOnlySet<string> Names { get; } = results.Keys.ToHashSet(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        var values = new Dictionary<string, DialogValue>(StringComparer.Ordinal);
        foreach (var written in results.GetValueOrDefault(action) ?? [])
        {
            if (written.Value is { } text && WrittenValues.TryRead(text, written.Quoted, null, out var value))
            {
                values[written.Key] = value;
            }
        }

        return values;
    }
}
