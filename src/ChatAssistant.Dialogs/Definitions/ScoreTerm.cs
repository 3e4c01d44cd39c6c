using ChatAssistant.Dialogs.Conditions;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>A row of a compute step's <c>sum</c>: <see cref="Add"/> counts when <see cref="When"/> holds (always without one).</summary>
public sealed record ScoreTerm(Condition? When, decimal Add, SourcePosition Position);
