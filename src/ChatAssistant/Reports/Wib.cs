using System.Globalization;

namespace ChatAssistant.Reports;

/// <summary>Western Indonesian Time (UTC+7, no daylight saving): the time zone operators read and type dates in.</summary>
internal static class Wib
{
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(7);

    /// <summary>ISO 8601 with the WIB offset, e.g. 2026-11-23T15:00:00+07:00.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? time) => time is { } value ? Format(value) : string.Empty;

    /// <summary>Midnight WIB at the start of the date.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);
}
