using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;

namespace ChatAssistant.Outbox;

/// <summary>
/// A channel's limits: a global rate, spread evenly over each second, and per chat either one message per interval or,
/// with a burst, a token bucket earning one message per interval; plus the pause a 429 asks for. The sender asks for a
/// chat's turn, then for a permit, and sends at once; a message that goes as several channel messages (its cost) takes
/// that many of both.
/// </summary>
internal sealed class OutboxPacing : IDisposable
{
    // The limiters count in segments of a twentieth of the period over a window of 22 segments: any real
    // interval of one period, even shifted by a segment of scheduling or network delay, lies inside one
    // window, so the limit holds in every window as the channel measures it, not just in aligned ones. The
    // price is a sustained rate about a tenth below the configured one.
    private const int SegmentsPerPeriod = 20;

    private static readonly TimeSpan PartitionTick = TimeSpan.FromMilliseconds(100);

    private readonly SlidingWindowRateLimiter _global;
    private readonly TokenBucketRateLimiter _pace;
    private readonly PartitionedRateLimiter<string> _perChat;
    private readonly TimeSpan _perChatInterval;
    private readonly int _perChatLimit;
    private DateTimeOffset _pausedUntil;

    public OutboxPacing(OutboxOptions options)
    {
        _perChatInterval = options.PerChatInterval;
        _global = new SlidingWindowRateLimiter(Window(options.MaxMessagesPerSecond, TimeSpan.FromSeconds(1), queue: 1));
        _pace = new TokenBucketRateLimiter(Pace(options.MaxMessagesPerSecond));
        _perChatLimit = options.PerChatBurst;
        _perChat = options.PerChatInterval <= TimeSpan.Zero
            ? PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetNoLimiter(string.Empty))
            : options.PerChatBurst > 1
                ? PartitionedRateLimiter.Create<string, string>(chat =>
                    RateLimitPartition.GetTokenBucketLimiter(chat, _ => PerChatBucket(options.PerChatInterval, options.PerChatBurst)))
                : PartitionedRateLimiter.Create<string, string>(chat =>
                    RateLimitPartition.GetSlidingWindowLimiter(chat, _ => PerChatWindow(options.PerChatInterval)));

        // About a fifth of a second of sending per round: a reply committed during a long broadcast is picked
        // up by the next round, ahead of every announcement, instead of waiting for a large batch to finish.
        RoundSize = Math.Max(1, options.MaxMessagesPerSecond / 5);
    }

    /// <summary>Sends in one round.</summary>
    public int RoundSize { get; }

    /// <summary>How long a round that could send nothing (every chat waiting for its limit) waits before the next.</summary>
    public TimeSpan ThrottledWait => _perChatInterval / SegmentsPerPeriod + TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A chat's turn for a message of <paramref name="cost"/> channel messages, taken at once or not at all: a chat
    /// whose next message waits sends nothing this round. A cost over what the chat can ever hold counts as all of it,
    /// so such a message still goes once the chat's allowance is full.
    /// </summary>
    public RateLimitLease TryChat(string chatId, int cost = 1) => _perChat.AttemptAcquire(chatId, Math.Clamp(cost, 1, _perChatLimit));

    /// <summary>What is left of a chat's allowance now (for tests and logs); null when chats are not limited.</summary>
    public long? ChatAllowance(string chatId) => _perChat.GetStatistics(chatId)?.CurrentAvailablePermits;

    /// <summary>Permits the global window has granted so far: one per channel message.</summary>
    public long GlobalPermitsTaken => _global.GetStatistics()?.TotalSuccessfulLeases ?? 0;

    /// <summary>
    /// Waits for the pace and the global window to allow <paramref name="cost"/> more channel messages, one at a time
    /// so they are spread like any others; the send must follow at once.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] // once per message: no allocation when it waits
    public async ValueTask PermitAsync(int cost, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Math.Max(1, cost); i++)
        {
            using var paced = await _pace.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            using var lease = await _global.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The channel asked for a pause (429) until <paramref name="until"/>; a longer pause already asked for stands.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        if (until > _pausedUntil)
        {
            _pausedUntil = until;
        }
    }

    /// <summary>Whether everything is paused at <paramref name="now"/>.</summary>
    public bool IsPaused(DateTimeOffset now) => _pausedUntil > now;

    /// <summary>What is left of the pause at <paramref name="now"/> (zero or less: none).</summary>
    public TimeSpan PauseLeft(DateTimeOffset now) => _pausedUntil - now;

    /// <summary>
    /// A partitioned limiter moves its partitions' windows on a 100 ms tick, one segment per tick; segments
    /// shorter than the tick would stretch the window. So a chat's window is 1.2 intervals in segments of at
    /// least 100 ms: two sends to one chat are always at least 1.1 intervals apart.
    /// </summary>
    private static SlidingWindowRateLimiterOptions PerChatWindow(TimeSpan interval)
    {
        var window = interval * 1.2;
        return new SlidingWindowRateLimiterOptions
        {
            PermitLimit = 1,
            Window = window,
            SegmentsPerWindow = (int)Math.Clamp(Math.Round(window / PartitionTick), 1, 12),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>
    /// A chat's token bucket: full at <paramref name="burst"/>, one more earned every <paramref name="interval"/>, so a
    /// chat averages one message per interval however it is spread. (The partitioned limiter replenishes it on its own
    /// 100 ms tick.)
    /// </summary>
    private static TokenBucketRateLimiterOptions PerChatBucket(TimeSpan interval, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = interval,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// Spreads sends evenly over each second at the window's sustainable rate (a tenth below the configured
    /// one). The window alone would let a second's allowance go in a burst and then send nothing until it slides:
    /// a reply committed in that gap would wait most of a second, and a burst delayed on its way would bunch up
    /// in the channel's own windows.
    /// </summary>
    private static TokenBucketRateLimiterOptions Pace(int rate)
    {
        var sustainable = rate * SegmentsPerPeriod / (SegmentsPerPeriod + 2.0);
        var (period, tokens) = sustainable < 40
            ? (TimeSpan.FromSeconds(1 / sustainable), 1)
            : (TimeSpan.FromMilliseconds(50), (int)(sustainable / 20));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens, // no saved-up burst: a second holds at most one period's tokens more than the pace
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 1,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    private static SlidingWindowRateLimiterOptions Window(int permits, TimeSpan period, int queue) => new()
    {
        PermitLimit = permits,
        Window = period * (SegmentsPerPeriod + 2) / SegmentsPerPeriod,
        SegmentsPerWindow = SegmentsPerPeriod + 2,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    public void Dispose()
    {
        _global.Dispose();
        _pace.Dispose();
        _perChat.Dispose();
    }
}
