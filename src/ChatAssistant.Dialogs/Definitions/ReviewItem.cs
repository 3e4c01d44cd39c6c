using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>One line of a review summary: the answer it shows and what it is called.</summary>
public sealed record ReviewItem(string Key, LocalizedText Label, SourcePosition Position);
