using System.CommandLine.Parsing;
using System.Globalization;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>Reads durations the way people type them on a command line: <c>60s</c>, <c>2m</c>, <c>500ms</c>, <c>90</c> (seconds) or <c>00:01:30</c>.</summary>
internal static class DurationOption
{
    public static TimeSpan Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value.Trim();
        if (TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a positive duration: write e.g. 60s, 2m, 500ms or 00:01:00."));
        return TimeSpan.Zero;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                value = TimeSpan.FromSeconds(number * seconds);
                return true;
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            value = TimeSpan.FromSeconds(plain);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
