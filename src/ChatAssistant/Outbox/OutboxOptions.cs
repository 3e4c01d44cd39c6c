using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.Outbox;

/// <summary>How a channel's sender paces and retries. Bound per channel (e.g. section <c>Telegram</c>).</summary>
internal sealed class OutboxOptions
{
    /// <summary>Sends per second to the whole channel. Telegram allows about 30; 25 leaves room for edits and answers.</summary>
    [Range(1, 1000)]
    public int MaxMessagesPerSecond { get; set; } = 25;

    /// <summary>
    /// Least time between two sends to the same chat (Telegram: about one per second); with a <see cref="PerChatBurst"/>
    /// over 1, the time in which one more send to the chat is earned.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PerChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Sends one chat may get at once before <see cref="PerChatInterval"/> paces it, earned back one per interval
    /// (a token bucket). 1 (the default): one send per interval, no burst.
    /// </summary>
    [Range(1, 100)]
    public int PerChatBurst { get; set; } = 1;

    /// <summary>Sends in flight at once; a slow answer from the channel does not stall the others.</summary>
    [Range(1, 256)]
    public int MaxConcurrentSends { get; set; } = 8;

    /// <summary>Tries before a message that keeps failing with passing faults is given up.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First wait after a passing fault; it doubles with each try, up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>On shutdown, how long to keep sending what is queued; the rest is sent after the next start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
