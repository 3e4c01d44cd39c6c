using System.Collections.Concurrent;

namespace ChatAssistant.Health;

/// <summary>The last successful call to each channel's API in this process, as <see cref="ChannelCallHandler"/> sees them.</summary>
internal sealed class ChannelCalls
{
    private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);

    public void Succeeded(string channel, DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        _last.AddOrUpdate(channel, ms, (_, old) => Math.Max(old, ms));
    }

    public DateTimeOffset? LastSuccess(string channel) =>
        _last.TryGetValue(channel, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
