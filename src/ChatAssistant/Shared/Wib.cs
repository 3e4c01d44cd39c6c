using System.Globalization;

namespace ChatAssistant.Shared;

/// <summary>Western Indonesian Time (UTC+7, no daylight saving): the time zone operators read and type dates in.</summary>
internal static class Wib
{
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(7);

    /// <summary>ISO 8601 with the WIB offset, e.g. 2026-11-23T15:00:00+07:00.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? time) => time is { } value ? Format(value) : string.Empty;

    /// <summary>A date as operators write it: 2026-11-01, 1-11-2026 or 1/11/2026.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d-M-yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// An ISO 8601 time, e.g. 2026-12-01T09:00+07:00; without an offset (2026-12-01 09:00) it is read as WIB, never
    /// in the machine's own zone, which on a server is usually UTC.
    /// </summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        var trimmed = text.Trim();
        var t = trimmed.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        var hasOffset = t > 0 && (trimmed.EndsWith('Z') || trimmed.IndexOfAny(['+', '-'], t) > 0);
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
        }

        if (DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            time = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>Midnight WIB at the start of the date.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);
}
