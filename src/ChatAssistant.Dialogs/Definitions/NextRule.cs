using ChatAssistant.Dialogs.Conditions;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>One way out of a step. Rules are tried in order; the first whose condition holds wins; no condition always holds.</summary>
public sealed record NextRule(Condition? When, string Goto, SourcePosition Position);
