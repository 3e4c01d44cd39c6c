using System.CommandLine.Parsing;
using System.Globalization;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>How long the simulated channel takes for one send: evenly between the two bounds, in milliseconds.</summary>
internal sealed record WireLatency(int MinMilliseconds, int MaxMilliseconds)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{MinMilliseconds}-{MaxMilliseconds} ms");

    /// <summary>For <c>--wire-latency</c>: <c>30-80</c> (ms), or one number for a fixed latency.</summary>
    public static WireLatency? Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value.Trim();
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^2].TrimEnd();
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && min <= max && max <= 60_000)
        {
            return new WireLatency(min, max);
        }

        result.AddError("--wire-latency takes milliseconds as MIN-MAX (e.g. 30-80) or one number, at most 60000.");
        return null;
    }
}
