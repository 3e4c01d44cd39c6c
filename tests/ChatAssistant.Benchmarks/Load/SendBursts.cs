using System.Diagnostics;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// How the sends cluster on the channel: the dispatcher sends in rounds, each a burst of sends that start
/// together, then waits for them; bursts, their size and the pauses between them show where its rate goes.
/// </summary>
internal readonly record struct SendBursts(int Count, double MeanSize, double MeanPeriodMs, double LongestPauseMs)
{
    /// <summary>Sends starting less than this apart belong to one burst.</summary>
    private static readonly long BurstGap = Stopwatch.Frequency / 50;

    public static SendBursts Of(IEnumerable<long> startTimestamps)
    {
        var sorted = startTimestamps.Order().ToArray();
        if (sorted.Length == 0)
        {
            return default;
        }

        var bursts = 1;
        var longest = 0L;
        for (var i = 1; i < sorted.Length; i++)
        {
            var gap = sorted[i] - sorted[i - 1];
            longest = Math.Max(longest, gap);
            if (gap >= BurstGap)
            {
                bursts++;
            }
        }

        var span = (sorted[^1] - sorted[0]) * 1000.0 / Stopwatch.Frequency;
        return new SendBursts(bursts, sorted.Length / (double)bursts, bursts > 1 ? span / (bursts - 1) : 0, longest * 1000.0 / Stopwatch.Frequency);
    }
}
