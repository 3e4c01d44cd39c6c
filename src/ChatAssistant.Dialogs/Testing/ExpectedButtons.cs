using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>The labels the reply's buttons must have, exactly and in order; empty means "no buttons".</summary>
public sealed record ExpectedButtons(IReadOnlyList<string> Labels, SourcePosition Position);
