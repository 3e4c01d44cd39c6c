using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>What a host action (<c>call</c>) returns during a test, since no host runs it: the same values every time.</summary>
public sealed record ActionResult(string Name, IReadOnlyList<WrittenValue> Values, SourcePosition Position);
