using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>The run-time lists of a test case, as the test file gives them: the same options for every owner and every turn.</summary>
internal sealed class FixedChoiceSources(IReadOnlyDictionary<string, IReadOnlyList<ChoiceOption>> lists) : IChoiceSources
{
    public IReadOnlySet<string> Names { get; } = lists.Keys.ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<ChoiceOption> Options(string source, UserSession session) => lists.GetValueOrDefault(source) ?? [];
}
