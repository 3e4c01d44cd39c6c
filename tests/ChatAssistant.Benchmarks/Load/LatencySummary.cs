using System.Diagnostics;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>Percentiles of receipt-to-commit latencies, in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P95, double P99, double Max)
{
    /// <summary>From Stopwatch tick counts; sorts the array in place.</summary>
    public static LatencySummary FromTicks(long[] ticks)
    {
        if (ticks.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        Array.Sort(ticks);
        return new LatencySummary(At(ticks, 0.50), At(ticks, 0.95), At(ticks, 0.99), Milliseconds(ticks[^1]));
    }

    private static double At(long[] sorted, double quantile) => Milliseconds(sorted[(int)Math.Ceiling(quantile * sorted.Length) - 1]);

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
