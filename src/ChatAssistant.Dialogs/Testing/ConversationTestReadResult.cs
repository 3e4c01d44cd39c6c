using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>A test file as read, and every problem found in it. <see cref="File"/> is null when there is an error.</summary>
public sealed record ConversationTestReadResult(ConversationTestFile? File, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
