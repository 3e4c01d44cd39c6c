using System.Collections.Frozen;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// A dialog made ready to run: steps in an array with their 'next' rules resolved to indexes, lookups frozen,
/// value labels gathered. Built once when the dialog is loaded; its Stateless machine on first use.
/// </summary>
public sealed class CompiledDialog
{
    private readonly FrozenDictionary<string, int> _indexes;
    private DialogMachine? _machine;

    internal CompiledDialog(DialogDefinition definition)
    {
        Definition = definition;
        _indexes = definition.Steps.Select((s, i) => (s.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        Steps = definition.Steps
            .Select((s, i) => new CompiledStep(
                s,
                i,
                s.Next.Select(r => r.When).ToArray(),
                s.Next.Select(r => _indexes.GetValueOrDefault(r.Goto, -1)).ToArray()))
            .ToArray();
        StartIndex = _indexes[definition.Start];

        var labels = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var option in definition.Steps.OfType<AskStep>().SelectMany(a => a.Input.Options))
        {
            labels.TryAdd(option.Value, option.Label);
        }

        foreach (var (value, label) in definition.Labels)
        {
            labels[value] = label;
        }

        ValueLabels = labels.ToFrozenDictionary(StringComparer.Ordinal);
        PersonalKeys = definition.Steps.OfType<AskStep>()
            .Where(a => a.Input.Kind is InputKind.Nik or InputKind.Phone)
            .Select(a => a.SaveAs)
            .ToFrozenSet(StringComparer.Ordinal);
        var fields = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var item in definition.Steps.OfType<ReviewStep>().SelectMany(r => r.Items))
        {
            fields.TryAdd(item.Key, item.Label);
        }

        FieldLabels = fields.ToFrozenDictionary(StringComparer.Ordinal);
        PresetKeys = definition.Parameters
            .ToFrozenDictionary(p => p.Key, p => (p.Key, Marker: PresetPrefix + p.Key), StringComparer.Ordinal);
    }

    /// <summary>
    /// A start parameter's value waits in the conversation's answers under this prefix and the key until its
    /// question is reached. '@' is in no answer key, so conditions and placeholders never read it, and the store
    /// keeps it like any answer, across messages and restarts.
    /// </summary>
    internal const string PresetPrefix = "@";

    public DialogDefinition Definition { get; }

    public string Id => Definition.Id;

    public int Version => Definition.Version;

    internal CompiledStep[] Steps { get; }

    internal int StartIndex { get; }

    internal FrozenDictionary<string, LocalizedText> ValueLabels { get; }

    /// <summary>Each declared start parameter's key → the key its waiting value is kept under (built once, so the message path allocates none).</summary>
    internal FrozenDictionary<string, (string Key, string Marker)> PresetKeys { get; }

    /// <summary>What a key is called where a review shows it ("Nama"), for naming it in a question about a new value.</summary>
    internal FrozenDictionary<string, LocalizedText> FieldLabels { get; }

    /// <summary>Answer keys that hold a NIK or a phone number: shown masked when the assistant repeats them.</summary>
    internal FrozenSet<string> PersonalKeys { get; }

    public bool HasStep(string stepId) => _indexes.ContainsKey(stepId);

    internal int IndexOf(string stepId) => _indexes.TryGetValue(stepId, out var index) ? index : StartIndex;

    /// <summary>
    /// The dialog's moves as a configured Stateless machine, one per compiled dialog: the definition the engine's
    /// walk (<see cref="DialogMachine.Advance"/>) is checked against. Configured on first use, not at load: the
    /// engine itself never fires it, and configuring costs about 20 KB per dialog.
    /// </summary>
    internal DialogMachine Machine => LazyInitializer.EnsureInitialized(ref _machine, () => new DialogMachine(this));
}
