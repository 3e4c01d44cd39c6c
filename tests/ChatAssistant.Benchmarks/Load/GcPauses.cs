using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// Every pause of the process for a garbage collection, as the runtime reports it (from the start of the suspension to
/// the end of the restart), with the collection's generation, how long the suspension alone took, and what the
/// collection kept. A total pause time cannot tell a few long gen1 collections from many gen0 ones, or collecting from
/// waiting for threads to stop; at a steady rate those are what decide the p99. Events arrive on the runtime's own
/// thread a moment after the pause, so each round's are read a moment after it ends, by the time they began.
/// </summary>
internal sealed class GcPauses : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    // The runtime hands its events to listeners from a session it reads about every 100 ms.
    private static readonly TimeSpan ReportingDelay = TimeSpan.FromMilliseconds(300);

    private readonly ConcurrentQueue<Pause> _pauses = new();
    private DateTime _suspendBegin;
    private DateTime _suspendEnd;
    private int _generation = -1;
    private long _keptFromGen0;
    private long _keptFromGen1;

    /// <summary>
    /// One pause, from <paramref name="At"/> (UTC). Generation -1: a pause of a background collection (it stops the process
    /// briefly twice).
    /// </summary>
    public readonly record struct Pause(DateTime At, int Generation, TimeSpan Suspension, TimeSpan Total, long KeptFromGen0, long KeptFromGen1);

    /// <summary>
    /// The pauses reported since the last call that began between <paramref name="from"/> and <paramref name="to"/> (UTC),
    /// once the runtime has had a moment to report the last of them; the others are dropped.
    /// </summary>
    public async Task<IReadOnlyList<Pause>> DrainAsync(DateTime from, DateTime to)
    {
        await Task.Delay(ReportingDelay).ConfigureAwait(false);
        var list = new List<Pause>();
        while (_pauses.TryDequeue(out var pause))
        {
            if (pause.At >= from && pause.At <= to)
            {
                list.Add(pause);
            }
        }

        return list;
    }

    /// <summary>One line per generation: how many pauses, their median, p90 and longest, the longest suspension, and (gen0, gen1) the median bytes kept.</summary>
    public static IEnumerable<string> Summarize(IReadOnlyList<Pause> pauses)
    {
        foreach (var group in pauses.GroupBy(p => p.Generation).OrderBy(g => g.Key))
        {
            var total = group.Select(p => p.Total.TotalMilliseconds).Order().ToArray();
            var suspension = group.Max(p => p.Suspension.TotalMilliseconds);
            var kept = group.Select(p => group.Key == 1 ? p.KeptFromGen1 : p.KeptFromGen0).Order().ToArray();
            var name = group.Key < 0 ? "background" : "gen" + group.Key.ToString(CultureInfo.InvariantCulture);
            // Kept: for gen0, what left gen0; for gen1, what went on into gen2. Background and gen2 collections show none.
            var keeps = group.Key is not (0 or 1) ? string.Empty : string.Create(CultureInfo.InvariantCulture,
                $"; each kept {kept[kept.Length / 2] / 1024:N0} KiB (median){(group.Key == 1 ? " into gen2" : string.Empty)}");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{name}: {total.Length} pauses, median {total[total.Length / 2]:F2} ms, p90 {total[total.Length * 9 / 10]:F2} ms, longest {total[^1]:F2} ms (suspending the threads: {suspension:F2} ms at most){keeps}");
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventName)
        {
            case "GCSuspendEEBegin_V1":
                _suspendBegin = eventData.TimeStamp;
                _generation = -1;
                break;
            case "GCSuspendEEEnd_V1":
                _suspendEnd = eventData.TimeStamp;
                break;
            case "GCStart_V2":
                _generation = Payload<int>(eventData, "Depth");
                break;
            case "GCHeapStats_V2":
                _keptFromGen0 = Payload<long>(eventData, "TotalPromotedSize0");
                _keptFromGen1 = Payload<long>(eventData, "TotalPromotedSize1");
                break;
            case "GCRestartEEEnd_V1" when _suspendBegin != default:
                _pauses.Enqueue(new Pause(ToUtc(_suspendBegin), _generation, _suspendEnd - _suspendBegin, eventData.TimeStamp - _suspendBegin, _keptFromGen0, _keptFromGen1));
                _suspendBegin = default;
                _keptFromGen0 = 0;
                _keptFromGen1 = 0;
                break;
        }
    }

    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;

    private static T Payload<T>(EventWrittenEventArgs eventData, string name)
        where T : IConvertible
    {
        var index = eventData.PayloadNames?.IndexOf(name) ?? -1;
        return index < 0 || eventData.Payload?[index] is not { } value ? default! : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }
}
