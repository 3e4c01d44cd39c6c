using ChatAssistant.Dialogs.Conditions;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>A row of a compute step's table: the first row whose condition holds gives the value.</summary>
public sealed record ComputeCase(Condition? When, DialogValue Value, SourcePosition Position);
