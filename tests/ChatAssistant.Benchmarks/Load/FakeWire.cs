using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChatAssistant.Outbox;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// The channel, simulated in process: every send stays on the "wire" for a latency drawn from
/// <see cref="WireLatency"/> (as a Bot API call does), then succeeds. It records each send so the harness can
/// measure what the channel would see (its rate in every one-second window) and when each reply went out.
/// </summary>
internal sealed class FakeWire(WireLatency latency) : IOutboxChannel
{
    private readonly ConcurrentQueue<WireSend> _sends = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<WireSend>> _replies = new();
    private readonly Random _random = new(7); // a fixed seed: the same latencies from run to run
    private long _messageIds;

    public string Name => SimulatedOwners.Channel;

    public IReadOnlyCollection<WireSend> Sends => _sends;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = Stopwatch.GetTimestamp();
        int milliseconds;
        lock (_random)
        {
            milliseconds = _random.Next(latency.MinMilliseconds, latency.MaxMilliseconds + 1);
        }

        // Not cancellable: a request already on the wire is answered either way, and the dispatcher records the
        // answer; the longest wait is one latency.
        await Task.Delay(milliseconds, CancellationToken.None).ConfigureAwait(false);
        var send = new WireSend(message.Id, message.ChatId, message.Priority, started, Stopwatch.GetTimestamp());
        _sends.Enqueue(send);
        if (message.Priority == OutboxPriority.Interactive)
        {
            Reply(message.Id).TrySetResult(send);
        }

        return SendResult.Sent(Interlocked.Increment(ref _messageIds).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Completes when the reply with this outbox id has been sent; whichever side comes first creates the entry.</summary>
    public Task<WireSend> ReplySentAsync(long outboxId) => Reply(outboxId).Task;

    public void Forget(long outboxId) => _replies.TryRemove(outboxId, out _);

    private TaskCompletionSource<WireSend> Reply(long outboxId) =>
        _replies.GetOrAdd(outboxId, _ => new TaskCompletionSource<WireSend>(TaskCreationOptions.RunContinuationsAsynchronously));
}
