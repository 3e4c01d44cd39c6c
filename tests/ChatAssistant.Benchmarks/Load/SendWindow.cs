using System.Diagnostics;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>The most sends in any one-second window, any start (not only whole seconds): the limit as the channel counts it.</summary>
internal static class SendWindow
{
    public static int MaxPerSecond(IEnumerable<long> timestamps)
    {
        var sorted = timestamps.Order().ToArray();
        var max = 0;
        var first = 0;
        for (var last = 0; last < sorted.Length; last++)
        {
            while (sorted[last] - sorted[first] >= Stopwatch.Frequency)
            {
                first++;
            }

            max = Math.Max(max, last - first + 1);
        }

        return max;
    }
}
