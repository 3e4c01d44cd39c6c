using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.Broadcasts;

/// <summary>Announcements' delivery (section <c>Broadcasts</c>).</summary>
internal sealed class BroadcastOptions
{
    public const string Section = "Broadcasts";

    /// <summary>From this local time (the owner's WIB, WITA or WIT) announcements wait until <see cref="QuietHoursEnd"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan QuietHoursStart { get; set; } = TimeSpan.FromHours(21);

    /// <summary>Local time at which held announcements go out. Equal to the start: no quiet hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan QuietHoursEnd { get; set; } = TimeSpan.FromHours(7);

    /// <summary>
    /// How much sending (at the channel's rate) waits in the outbox at a time. Recipients are queued this little
    /// ahead so that quiet hours, opt-outs and a cancel apply to everyone not yet sent.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan QueueAhead { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the queue is topped up while a broadcast is sending (idle: once a second).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public QuietHours QuietHours => new(QuietHoursStart, QuietHoursEnd);
}
