namespace ChatAssistant.Benchmarks.Load;

/// <summary>What one measured phase did and cost; latencies are Stopwatch ticks, one per message (empty for the raw run).</summary>
internal sealed record PhaseResult(
    int Messages,
    TimeSpan Elapsed,
    long[] LatencyTicks,
    long AllocatedBytes,
    int Failures,
    long LateSends,
    GcActivity Gc)
{
    public double PerSecond => Messages / Elapsed.TotalSeconds;

    public double AllocatedPerMessage => Messages == 0 ? 0 : (double)AllocatedBytes / Messages;

    /// <summary>Several rounds taken as one: counts and times added, latencies pooled.</summary>
    public static PhaseResult Combine(IReadOnlyList<PhaseResult> rounds) => new(
        rounds.Sum(r => r.Messages),
        TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)),
        rounds.SelectMany(r => r.LatencyTicks).ToArray(),
        rounds.Sum(r => r.AllocatedBytes),
        rounds.Sum(r => r.Failures),
        rounds.Sum(r => r.LateSends),
        rounds.Aggregate(default(GcActivity), (sum, r) => sum + r.Gc));

    /// <summary>The round in the middle by throughput: a figure one slow or lucky round cannot move.</summary>
    public static double MedianPerSecond(IReadOnlyList<PhaseResult> rounds)
    {
        var rates = rounds.Select(r => r.PerSecond).Order().ToArray();
        return rates.Length % 2 == 1 ? rates[rates.Length / 2] : (rates[(rates.Length / 2) - 1] + rates[rates.Length / 2]) / 2;
    }
}
