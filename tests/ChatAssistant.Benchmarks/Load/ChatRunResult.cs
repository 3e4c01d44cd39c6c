namespace ChatAssistant.Benchmarks.Load;

/// <summary>What the owners chatting during a broadcast sent and got back; failures are messages not answered or replies never sent.</summary>
internal sealed record ChatRunResult(int Messages, IReadOnlyList<ReplyTiming> Replies, int Failures, int NoFreeOwner, IReadOnlyList<string> Problems);
