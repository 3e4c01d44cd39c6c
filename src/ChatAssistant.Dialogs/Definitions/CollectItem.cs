using ChatAssistant.Dialogs.Conditions;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>A row of a compute step's <c>collect</c>: the label key <see cref="Item"/> joins the list when <see cref="When"/> holds.</summary>
public sealed record CollectItem(Condition? When, string Item, SourcePosition Position);
