using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>A text a test expects, with where it is written so that a failure points at it. Null is YAML's <c>~</c>: "none".</summary>
public sealed record ExpectedText(string? Value, SourcePosition Position);
