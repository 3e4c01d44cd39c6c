using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>The options a run-time list (<c>options_from</c>) holds during a test, since no host fills it.</summary>
public sealed record ChoiceList(string Name, IReadOnlyList<ChoiceOption> Options, SourcePosition Position);
