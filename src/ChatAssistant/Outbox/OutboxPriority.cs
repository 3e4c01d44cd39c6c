namespace ChatAssistant.Outbox;

/// <summary>Lower goes first: an owner's reply never waits behind an announcement.</summary>
internal enum OutboxPriority
{
    Interactive = 0,
    Broadcast = 1,
}
