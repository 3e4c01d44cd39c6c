using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>
/// A key and a value as a test file writes it (a profile preset or an expected answer). It is read as a
/// dialog value only when the runner knows the kind it stands for; <see cref="Quoted"/> text is always text.
/// A null <see cref="Value"/> (<c>~</c>) means "not set".
/// </summary>
public sealed record WrittenValue(string Key, string? Value, bool Quoted, SourcePosition Position);
