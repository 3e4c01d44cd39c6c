namespace ChatAssistant.Broadcasts;

/// <summary>
/// The hours, in an owner's local time, when no announcement reaches them (default 21:00-07:00). Owners live in
/// three time zones (WIB +7, WITA +8, WIT +9): a broadcast at 20:30 WIB is already 22:30 in Papua.
/// </summary>
internal sealed record QuietHours(TimeSpan Start, TimeSpan End)
{
    /// <summary>Indonesia's time zones as minutes east of UTC: WIB, WITA, WIT.</summary>
    public static IReadOnlyList<int> IndonesianOffsets { get; } = [420, 480, 540];

    public bool IsOff => Start == End;

    public bool IsQuiet(DateTimeOffset now, int utcOffsetMinutes)
    {
        if (IsOff)
        {
            return false;
        }

        var local = now.ToOffset(TimeSpan.FromMinutes(utcOffsetMinutes)).TimeOfDay;
        return Start < End ? local >= Start && local < End : local >= Start || local < End;
    }

    /// <summary>The time zones in which owners may receive announcements now.</summary>
    public IReadOnlyList<int> AwakeOffsets(DateTimeOffset now) => IndonesianOffsets.Where(o => !IsQuiet(now, o)).ToArray();

    public IReadOnlyList<int> QuietOffsets(DateTimeOffset now) => IndonesianOffsets.Where(o => IsQuiet(now, o)).ToArray();
}
