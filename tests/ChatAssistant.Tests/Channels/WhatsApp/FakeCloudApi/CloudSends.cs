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
    public static (int Count, TimeSpan From) BusiestSecond(IEnumerable<CloudSend> sends) => Busiest(sends, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The most sends in any window of one second whose stamps may be late by up to <paramref name="stampDelay"/>
    /// (see <see cref="FakeCloudApi.MaxLag"/>): sends stamped within <c>1 s - delay</c> of each other arrived within
    /// one second, so that is the window counted.
    /// </summary>
    public static (int Count, TimeSpan From) BusiestSecond(IEnumerable<CloudSend> sends, TimeSpan stampDelay) =>
        Busiest(sends, TimeSpan.FromSeconds(1) - stampDelay);

    private static (int Count, TimeSpan From) Busiest(IEnumerable<CloudSend> sends, TimeSpan window)
    {
        var times = sends.Select(s => s.At).Order().ToArray();
        var busiest = 0;
        var from = TimeSpan.Zero;
        var end = 0;
        for (var start = 0; start < times.Length; start++)
        {
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
    /// The first pair of sends to one owner that a pair limit of <paramref name="burst"/> messages at once and one more
    /// every <paramref name="interval"/> cannot allow: more than <c>burst + floor(span / interval)</c> sends within one
    /// span, measured with <paramref name="slack"/> of network delay in the worker's favour; null when none.
    /// </summary>
    public static string? PairLimitBreach(IReadOnlyList<CloudSend> toOneOwner, TimeSpan interval, int burst, TimeSpan slack)
    {
        var times = toOneOwner.Select(s => s.At).Order().ToArray();
        for (var first = 0; first < times.Length; first++)
        {
            for (var last = first + burst; last < times.Length; last++)
            {
                var span = times[last] - times[first] + slack;
                var allowed = burst + (int)Math.Floor(span / interval);
                if (last - first + 1 > allowed)
                {
                    return $"{last - first + 1} sends in {(times[last] - times[first]).TotalMilliseconds:0} ms (from {times[first].TotalMilliseconds:0} ms); the pair limit allows {allowed}";
                }
            }
        }

        return null;
    }
}
