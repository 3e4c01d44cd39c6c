using ChatAssistant.DeadLetters;

namespace ChatAssistant.Storage;

/// <summary>
/// The channel receiver still sets unreadable updates aside through the store it is handed: the call goes to the
/// dead-letter store (DeadLetters/DeadLetterStore.cs), which owns that SQL. Goes once channels use the inbound port.
/// </summary>
internal sealed partial class ConversationStore
{
    private DeadLetterStore? _deadLetters;

    public void AddDeadLetter(string channel, string? updateId, string reason, ReadOnlySpan<byte> raw, long now) =>
        (_deadLetters ??= new DeadLetterStore(_session)).Add(channel, updateId, reason, raw, now);
}
