using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>A button of a choice question: the value saved, and the label shown.</summary>
public sealed record ChoiceOption(string Value, LocalizedText Label, SourcePosition Position);
