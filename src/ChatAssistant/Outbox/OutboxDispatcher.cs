using System.Threading.RateLimiting;
using ChatAssistant.Conversations;
using ChatAssistant.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Outbox;

/// <summary>
/// Drains one channel's outbox: replies before announcements, each chat's messages in order, within the
/// channel's limits (a global rate and one message per interval per chat), pausing for exactly the time a
/// 429 asks, retrying passing faults with backoff, and never retrying an owner who blocked the assistant.
/// Each send is marked as soon as it succeeds, so after a crash only the sends on the wire can repeat.
/// Nothing the database does stops it: a round the database fails is tried again after a backoff, and the
/// outcome of a send is kept in memory and written again until the database takes it.
/// </summary>
internal sealed partial class OutboxDispatcher : BackgroundService
{
    // The limiters count in segments of a twentieth of the period over a window of 22 segments: any real
    // interval of one period, even shifted by a segment of scheduling or network delay, lies inside one
    // window, so the limit holds in every window as the channel measures it, not just in aligned ones. The
    // price is a sustained rate about a tenth below the configured one.
    private const int SegmentsPerPeriod = 20;

    private readonly IOutboxChannel _channel;
    private readonly OutboxOptions _options;
    private readonly OutboxReader _reader;
    private readonly ConversationWriter _writer;
    private readonly OutboxSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SlidingWindowRateLimiter _global;
    private readonly TokenBucketRateLimiter _pace;
    private readonly PartitionedRateLimiter<string> _perChat;
    private readonly SemaphoreSlim _slots;
    private readonly int _roundSize;
    private readonly Random _random;
    private DateTimeOffset _pausedUntil;

    // Waits after a round the database failed, and between tries to record a send's outcome.
    private static readonly TimeSpan DatabaseRetryFirst = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DatabaseRetryMax = TimeSpan.FromSeconds(5);

    // Cancels sends on the wire only when the shutdown flush runs out of time; SIGTERM alone does not, since
    // a send cut off after Telegram received it would be sent again after the restart.
    private readonly CancellationTokenSource _hardStop = new();

    public OutboxDispatcher(
        IOutboxChannel channel,
        OutboxOptions options,
        OutboxReader reader,
        ConversationWriter writer,
        OutboxSignal signal,
        TimeProvider time,
        ILogger<OutboxDispatcher> logger,
        Random? random = null)
    {
        _random = random ?? Random.Shared;
        _channel = channel;
        _options = options;
        _reader = reader;
        _writer = writer;
        _signal = signal;
        _time = time;
        _logger = logger;
        _global = new SlidingWindowRateLimiter(Window(options.MaxMessagesPerSecond, TimeSpan.FromSeconds(1), queue: 1));
        _pace = new TokenBucketRateLimiter(Pace(options.MaxMessagesPerSecond));
        _perChat = options.PerChatInterval <= TimeSpan.Zero
            ? PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetNoLimiter(string.Empty))
            : PartitionedRateLimiter.Create<string, string>(chat =>
                RateLimitPartition.GetSlidingWindowLimiter(chat, _ => PerChatWindow(options.PerChatInterval)));
        _slots = new SemaphoreSlim(options.MaxConcurrentSends);

        // About a fifth of a second of sending per round: a reply committed during a long broadcast is picked
        // up by the next round, ahead of every announcement, instead of waiting for a large batch to finish.
        _roundSize = Math.Max(1, options.MaxMessagesPerSecond / 5);
    }

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

    private static readonly TimeSpan PartitionTick = TimeSpan.FromMilliseconds(100);

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(_logger, _channel.Name, _options.MaxMessagesPerSecond, _options.PerChatInterval);
        try
        {
            // Before the first round, and until it is done: claims left by a crash must be settled before any send.
            for (var failures = 0; ; )
            {
                try
                {
                    var uncertain = await _writer.RunAsync((store, at) => store.ResolveInterruptedSends(_channel.Name, at.ToUnixTimeMilliseconds()), stoppingToken).ConfigureAwait(false);
                    if (uncertain > 0)
                    {
                        LogUncertain(_logger, _channel.Name, uncertain);
                    }

                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await WaitAfterFailureAsync(++failures, ex, stoppingToken).ConfigureAwait(false);
                }
            }

            for (var failures = 0; !stoppingToken.IsCancellationRequested; )
            {
                try
                {
                    await RunUntilIdleAsync(stoppingToken).ConfigureAwait(false);
                    failures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The round changed nothing it did not record (see RecordAsync); owners' replies must not stop over it.
                    await WaitAfterFailureAsync(++failures, ex, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: flush below.
        }

        // Receiving has stopped by now (channels stop before the sender); send what is queued for a bounded
        // time. Whatever is left stays in the outbox and goes out after the next start.
        using var flush = new CancellationTokenSource(_options.ShutdownFlushTimeout, _time);
        _hardStop.CancelAfter(_options.ShutdownFlushTimeout);
        try
        {
            while (await RunRoundAsync(flush.Token).ConfigureAwait(false) != RoundResult.Empty)
            {
            }
        }
        catch (OperationCanceledException)
        {
            LogFlushCut(_logger, _channel.Name, _options.ShutdownFlushTimeout);
        }
        catch (Exception ex)
        {
            LogFlushFailed(_logger, _channel.Name, ex); // what is left is sent after the next start
        }
    }

    private Task WaitAfterFailureAsync(int failures, Exception error, CancellationToken cancellationToken)
    {
        var wait = DatabaseFaults.Backoff(failures, DatabaseRetryFirst, DatabaseRetryMax, _random.NextDouble);
        if (DatabaseFaults.IsTransient(error))
        {
            LogDatabaseUnavailable(_logger, _channel.Name, failures, wait, error);
        }
        else
        {
            LogRoundFailed(_logger, _channel.Name, failures, wait, error);
        }

        return Task.Delay(wait, _time, cancellationToken);
    }

    private async Task RunUntilIdleAsync(CancellationToken cancellationToken)
    {
        switch (await RunRoundAsync(cancellationToken).ConfigureAwait(false))
        {
            case RoundResult.Empty:
                // A second is the longest a message written by another process (or due for a retry) waits.
                await _signal.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                break;
            case RoundResult.Throttled:
                await _signal.WaitAsync(_options.PerChatInterval / SegmentsPerPeriod + TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Sends one round: at most a fifth of a second's worth, from a window of the next message of each chat (see
    /// <see cref="OutboxReader.NextPerChat"/>), so every chat with something due gets its turn in every round
    /// that the per-chat limit allows, however long another chat's queue is.
    /// </summary>
    internal async Task<RoundResult> RunRoundAsync(CancellationToken cancellationToken)
    {
        var pause = _pausedUntil - _time.GetUtcNow();
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var pending = _reader.NextPerChat(_roundSize * 4, _channel.Name, now.ToUnixTimeMilliseconds());
        if (pending.Count == 0)
        {
            return RoundResult.Empty;
        }

        // One message per chat: a chat whose next message waits (its limit) sends nothing later this round.
        var sends = new List<Task>(_roundSize);
        try
        {
            foreach (var message in pending)
            {
                if (sends.Count >= _roundSize || _pausedUntil > _time.GetUtcNow())
                {
                    break;
                }

                using var chatLease = _perChat.AttemptAcquire(message.ChatId);
                if (!chatLease.IsAcquired)
                {
                    continue;
                }

                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var claimed = false;
                try
                {
                    // An announcement is claimed (durably) before it goes on the wire, so that after a crash it is
                    // never sent twice; a claim that fails means it was cancelled, held or opted out meanwhile. The
                    // claim comes before the rate permit: a send must follow its permit at once, or sends delayed
                    // by the database would bunch up on the wire and break the limit in the channel's windows.
                    if (message.BroadcastId is not null)
                    {
                        claimed = await _writer.RunAsync((store, at) => store.ClaimForSending(message.Id, at.ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
                        if (!claimed)
                        {
                            _slots.Release();
                            continue;
                        }
                    }

                    using var paced = await _pace.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                    using var lease = await _global.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                    sends.Add(SendAsync(message, _hardStop.Token));
                }
                catch
                {
                    _slots.Release();
                    if (claimed)
                    {
                        await ReleaseClaimAsync(message).ConfigureAwait(false);
                    }

                    throw;
                }
            }
        }
        finally
        {
            // Even when cancelled mid-round, the round ends only once its sends are recorded: a later round
            // (the shutdown flush) must never see a message on the wire as still waiting and send it again.
            await Task.WhenAll(sends).ConfigureAwait(false);
        }

        return sends.Count > 0 ? RoundResult.Sent : RoundResult.Throttled;
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            SendResult result;
            try
            {
                result = await _channel.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = new SendResult(SendOutcome.Transient, Error: ex.GetType().Name + ": " + ex.Message);
            }

            await RecordAsync(message, result).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Records a send's outcome. The outcome is known only here, in memory: if the database refuses it (locked by
    /// another process, disk full), it is written again after a backoff until it is taken, so that a delivered
    /// message is never sent again nor a refused announcement left claimed. The round waits for it; it gives up
    /// only at a hard stop, when the next start treats the message as after a crash.
    /// </summary>
    private async Task RecordAsync(OutboxMessage message, SendResult result)
    {
        var write = Outcome(message, result);
        if (write is null)
        {
            return;
        }

        for (var failures = 0; ; )
        {
            try
            {
                await _writer.RunAsync(write, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (DatabaseFaults.IsTransient(ex) && !_hardStop.IsCancellationRequested)
            {
                var wait = DatabaseFaults.Backoff(++failures, DatabaseRetryFirst, DatabaseRetryMax, _random.NextDouble);
                LogRecordRetried(_logger, _channel.Name, message.Id, result.Outcome, wait, ex);
                try
                {
                    await Task.Delay(wait, _time, _hardStop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    LogNotRecorded(_logger, _channel.Name, message.Id, result.Outcome, ex);
                    return;
                }
            }
            catch (Exception ex)
            {
                LogNotRecorded(_logger, _channel.Name, message.Id, result.Outcome, ex);
                return;
            }
        }
    }

    /// <summary>What to write for a send's outcome (null: nothing); the pause and the logs happen here, once.</summary>
    private Func<ConversationStore, DateTimeOffset, bool>? Outcome(OutboxMessage message, SendResult result)
    {
        var now = _time.GetUtcNow();
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                return (store, at) =>
                {
                    store.MarkSent(message.Id, result.ChannelMessageId, at.ToUnixTimeMilliseconds());
                    if (message.BroadcastId is { } broadcast)
                    {
                        store.SetRecipientStatus(broadcast, message.UserId, "sent", at.ToUnixTimeMilliseconds());
                    }

                    return true;
                };

            case SendOutcome.RateLimited:
                var until = now + result.RetryAfter;
                if (until > _pausedUntil)
                {
                    _pausedUntil = until;
                }

                LogRateLimited(_logger, _channel.Name, result.RetryAfter);
                return message.BroadcastId is not { } limited ? null : (store, at) =>
                {
                    store.ReleaseClaim(message.Id, limited, message.UserId, at.ToUnixTimeMilliseconds()); // not delivered: it goes again after the pause
                    return true;
                };

            case SendOutcome.Blocked:
                LogBlocked(_logger, _channel.Name, message.ChatId);
                return (store, at) =>
                {
                    store.MarkUnreachable(message.Channel, message.ChatId, at.ToUnixTimeMilliseconds());
                    store.MarkFailed(message.Id, "blocked", at.ToUnixTimeMilliseconds());
                    if (message.BroadcastId is { } broadcast)
                    {
                        store.SetRecipientStatus(broadcast, message.UserId, "blocked", at.ToUnixTimeMilliseconds());
                    }

                    return true;
                };

            case SendOutcome.Transient when message.Attempts + 1 < _options.MaxAttempts:
                var backoff = Backoff(message.Attempts);
                LogRetrying(_logger, _channel.Name, message.Id, message.Attempts + 1, backoff, result.Error);
                return (store, _) =>
                {
                    store.Reschedule(message.Id, message.Channel, message.ChatId, (now + backoff).ToUnixTimeMilliseconds(), result.Error);
                    if (message.BroadcastId is { } retried)
                    {
                        store.ReleaseClaim(message.Id, retried, message.UserId, now.ToUnixTimeMilliseconds());
                    }

                    return true;
                };

            default:
                LogGaveUp(_logger, _channel.Name, message.Id, result.Outcome, result.Error);
                return (store, at) =>
                {
                    store.MarkFailed(message.Id, result.Error ?? result.Outcome.ToString(), at.ToUnixTimeMilliseconds());
                    if (message.BroadcastId is { } broadcast)
                    {
                        store.SetRecipientStatus(broadcast, message.UserId, "failed", at.ToUnixTimeMilliseconds());
                    }

                    return true;
                };
        }
    }

    /// <summary>An announcement claimed but never sent (stopping) may go after the next start.</summary>
    private async Task ReleaseClaimAsync(OutboxMessage message)
    {
        try
        {
            await _writer.RunAsync((store, at) =>
            {
                store.ReleaseClaim(message.Id, message.BroadcastId!.Value, message.UserId, at.ToUnixTimeMilliseconds());
                return true;
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The writer has stopped: the claim stays, and the next start counts this announcement as uncertain.
            LogClaimKept(_logger, _channel.Name, message.Id, ex);
        }
    }

    /// <summary>Doubling waits with a little jitter, so that many failed sends do not all return at once.</summary>
    private TimeSpan Backoff(int attempts) =>
        DatabaseFaults.Backoff(attempts + 1, _options.InitialBackoff, _options.MaxBackoff, _random.NextDouble);

    public override void Dispose()
    {
        _global.Dispose();
        _pace.Dispose();
        _perChat.Dispose();
        _hardStop.Dispose();
        _slots.Dispose();
        base.Dispose();
    }

    internal enum RoundResult
    {
        Empty,
        Throttled,
        Sent,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending {Channel} outbox at up to {Rate} messages/s, one per {PerChat} per chat")]
    private static partial void LogStarted(ILogger logger, string channel, int rate, TimeSpan perChat);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} asked us to slow down: pausing all sends for {RetryAfter}")]
    private static partial void LogRateLimited(ILogger logger, string channel, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} chat {ChatId} blocked the assistant; marked unreachable")]
    private static partial void LogBlocked(ILogger logger, string channel, string chatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} outbox message {Id} failed (try {Attempt}); retrying in {Backoff}: {Error}")]
    private static partial void LogRetrying(ILogger logger, string channel, long id, int attempt, TimeSpan backoff, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel} outbox message {Id} given up ({Outcome}): {Error}")]
    private static partial void LogGaveUp(ILogger logger, string channel, long id, SendOutcome outcome, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} announcement {Id} was claimed but not sent while stopping, and the claim could not be released")]
    private static partial void LogClaimKept(ILogger logger, string channel, long id, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: {Count} announcements were on the wire when the worker stopped; they may have been delivered and are not sent again")]
    private static partial void LogUncertain(ILogger logger, string channel, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} outbox: the database is not available (try {Failures}); sending waits and resumes by itself; trying again in {Wait}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string channel, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel} outbox round failed (try {Failures}); trying again in {Wait}")]
    private static partial void LogRoundFailed(ILogger logger, string channel, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} outbox message {Id}: the database refused its outcome ({Outcome}); writing it again in {Wait}")]
    private static partial void LogRecordRetried(ILogger logger, string channel, long id, SendOutcome outcome, TimeSpan wait, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel} outbox message {Id}: its outcome ({Outcome}) could not be recorded; after the next start it counts as on the wire at a crash")]
    private static partial void LogNotRecorded(ILogger logger, string channel, long id, SendOutcome outcome, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel} outbox flush failed; the rest is sent after the next start")]
    private static partial void LogFlushFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} outbox flush stopped after {Timeout}; the rest is sent after the next start")]
    private static partial void LogFlushCut(ILogger logger, string channel, TimeSpan timeout);
}
