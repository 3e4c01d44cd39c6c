namespace ChatAssistant.Shared;

/// <summary>
/// WhatsApp's customer-service window: free-form messages reach an owner only within 24 hours of their last message
/// (<c>users.last_seen_at</c>, set by each inbound message); outside it only an approved template goes, anything
/// else is refused (131047).
/// </summary>
internal static class CustomerServiceWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>
    /// Free-form only with at least this much of the window left: an announcement waits a few seconds in the outbox,
    /// longer behind a pause or a retry, and one that arrives after the window closed is refused, not delivered.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    /// <summary>Whether the channel has such a window.</summary>
    public static bool Applies(string channel) => channel == ChannelNames.WhatsApp;

    /// <summary>The oldest last message (Unix ms) that still lets a free-form announcement go at <paramref name="now"/>.</summary>
    public static long OpenSince(long now) => now - (long)(Length - Margin).TotalMilliseconds;
}
