using ChatAssistant.Tests.Channels.Telegram;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// How late this test process's thread pool was for a 10 ms timer, on the stand-in Bot API server's stopwatch: how much
/// later than their arrival the stand-in may have stamped requests (<see cref="ApiCall.At"/>) on a busy machine,
/// bunching the stamps together. Rate checks count in windows shorter by this much (at most
/// <see cref="MaxAllowed"/>), as the WhatsApp load test does, so the stand-in's own stalls are never blamed on the
/// replicas.
/// </summary>
internal sealed class ReplicaLagMonitor : IAsyncDisposable
{
    public static readonly TimeSpan MaxAllowed = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);

    private readonly FakeBotApi _api;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<(TimeSpan At, TimeSpan Lag)> _lags = [];
    private readonly Task _monitor;

    public ReplicaLagMonitor(FakeBotApi api)
    {
        _api = api;
        _monitor = MonitorAsync(_stopping.Token);
    }

    /// <summary>The longest lag within a second of <paramref name="at"/>, up to <see cref="MaxAllowed"/>.</summary>
    public TimeSpan Around(TimeSpan at)
    {
        lock (_gate)
        {
            var lag = _lags.Where(l => l.At >= at - TimeSpan.FromSeconds(1) && l.At <= at + TimeSpan.FromSeconds(1)).Select(l => l.Lag).DefaultIfEmpty(TimeSpan.Zero).Max();
            return lag < MaxAllowed ? lag : MaxAllowed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _monitor;
        _stopping.Dispose();
    }

    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period);
        var last = _api.Elapsed;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = _api.Elapsed;
                var lag = now - last - Period;
                last = now;
                if (lag > TimeSpan.FromMilliseconds(5))
                {
                    lock (_gate)
                    {
                        _lags.Add((now, lag));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
