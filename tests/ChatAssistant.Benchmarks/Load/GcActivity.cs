using System.Globalization;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>Garbage collections and the time the process was paused for them, as a difference between two readings.</summary>
internal readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcActivity Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcActivity operator -(GcActivity after, GcActivity before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);

    public static GcActivity operator +(GcActivity a, GcActivity b) =>
        new(a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.Paused + b.Paused);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Gen0:N0} gen0 / {Gen1:N0} gen1 / {Gen2:N0} gen2 collections, paused {Paused.TotalMilliseconds:N0} ms in all");
}
