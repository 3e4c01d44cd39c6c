using ChatAssistant.Outbox;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>One message as the simulated channel saw it: when the call reached the wire and when it returned (Stopwatch ticks).</summary>
internal readonly record struct WireSend(long OutboxId, string ChatId, OutboxPriority Priority, long StartedAt, long EndedAt);
