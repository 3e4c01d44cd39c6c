namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>What the recorded sends add up to: the replies an owner read, and the rates Meta would have measured.</summary>
internal static class CloudSends
{
    /// <summary>
    /// The replies in these sends, in the order the owner read them: each message's text cut at blank lines, since the
    /// worker merges an owner's waiting replies into one message (paragraphs apart) when the limits hold them back.
    /// </summary>
    public static IReadOnlyList<string> Parts(IEnumerable<CloudSend> sends) =>
        [.. sends.Where(s => s.Accepted).SelectMany(s => s.Text.Split("\n\n"))];

    /// <summary>The most sends in any window of one second that starts at a send, and where it starts.</summary>
    public static (int Count, TimeSpan From) BusiestSecond(IEnumerable<CloudSend> sends) => BusiestSecond(sends, _ => TimeSpan.Zero);

    /// <summary>
    /// The most sends in any one second, when the stamps around a time may be late by up to
    /// <paramref name="stampDelay"/> of it (see <see cref="FakeCloudApi.LagAround"/>): sends stamped within
    /// <c>1 s - delay</c> of each other arrived within one second, so that is the window counted there.
    /// </summary>
    public static (int Count, TimeSpan From) BusiestSecond(IEnumerable<CloudSend> sends, Func<TimeSpan, TimeSpan> stampDelay)
    {
        var times = sends.Select(s => s.At).Order().ToArray();
        var busiest = 0;
        var from = TimeSpan.Zero;
        for (var start = 0; start < times.Length; start++)
        {
            var window = TimeSpan.FromSeconds(1) - stampDelay(times[start]);
            var end = start;
            while (end < times.Length && times[end] - times[start] < window)
            {
                end++;
            }

            if (end - start > busiest)
            {
                (busiest, from) = (end - start, times[start]);
            }
        }

        return (busiest, from);
    }

    /// <summary>
    /// The first run of sends to one owner that a pair limit of <paramref name="burst"/> messages at once, refilled with
    /// one more every <paramref name="interval"/>, cannot allow; null when none. The allowance is a token bucket's
    /// refilled on a timer: the burst, plus one per refill in the span, and a span holds at most
    /// <c>floor(span / interval) + 1</c> refills. The span is widened by <paramref name="slack"/> around its start for
    /// the stamps' lateness (see <see cref="FakeCloudApi.LagAround"/>), in the worker's favour.
    /// </summary>
    public static string? PairLimitBreach(IReadOnlyList<CloudSend> toOneOwner, TimeSpan interval, int burst, Func<TimeSpan, TimeSpan> slack)
    {
        var times = toOneOwner.Select(s => s.At).Order().ToArray();
        for (var first = 0; first < times.Length; first++)
        {
            var widen = slack(times[first]);
            for (var last = first + burst; last < times.Length; last++)
            {
                var span = times[last] - times[first] + widen;
                var allowed = burst + (int)Math.Floor(span / interval) + 1;
                if (last - first + 1 > allowed)
                {
                    return $"{last - first + 1} sends in {(times[last] - times[first]).TotalMilliseconds:0} ms (from {times[first].TotalMilliseconds:0} ms); the pair limit allows {allowed}";
                }
            }
        }

        return null;
    }
}
