using ChatAssistant.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Outbox;

/// <summary>
/// Drains one channel's outbox: replies before announcements, each chat's messages in order, within the
/// channel's limits (<see cref="OutboxPacing"/>), pausing for exactly the time a 429 asks, retrying passing
/// faults with backoff (<see cref="OutboxRetryPolicy"/>), and never retrying an owner who blocked the assistant.
/// Each send is marked as soon as it succeeds, so after a crash only the sends on the wire can repeat, and
/// messages sent at most once (<see cref="OutboxClaims"/>) not even those. What became of each message is
/// told to the <see cref="IOutboxObserver"/>s in the same transaction.
/// Nothing the database does stops it: a round the database fails is tried again after a backoff, and the
/// outcome of a send is kept in memory and written again until the database takes it.
/// </summary>
internal sealed class OutboxDispatcher : BackgroundService
{
    private readonly IOutboxChannel _channel;
    private readonly OutboxOptions _options;
    private readonly OutboxReader _reader;
    private readonly IStoreWriter _writer;
    private readonly OutboxStore _outbox;
    private readonly OutboxSignal _signal;
    private readonly IOutboxObserver[] _observers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OutboxPacing _pacing;
    private readonly OutboxClaims _claims;
    private readonly OutboxRetryPolicy _retries;
    private readonly SemaphoreSlim _slots;

    // Cancels sends on the wire only when the shutdown flush runs out of time; SIGTERM alone does not, since
    // a send cut off after Telegram received it would be sent again after the restart.
    private readonly CancellationTokenSource _hardStop = new();

    // Set when this replica lost its role as the channel's sender: another replica sends now.
    private volatile bool _skipFlush;

    public OutboxDispatcher(
        IOutboxChannel channel,
        OutboxOptions options,
        OutboxReader reader,
        IStoreWriter writer,
        OutboxStore outbox,
        OutboxSignal signal,
        IEnumerable<IOutboxObserver> observers,
        TimeProvider time,
        Random random,
        ILogger<OutboxDispatcher> logger)
    {
        _channel = channel;
        _options = options;
        _reader = reader;
        _writer = writer;
        _outbox = outbox;
        _signal = signal;
        _observers = [.. observers];
        _time = time;
        _logger = logger;
        _pacing = new OutboxPacing(options);
        _claims = new OutboxClaims(channel.Name, writer, outbox, _observers, logger);
        _retries = new OutboxRetryPolicy(options, random);
        _slots = new SemaphoreSlim(options.MaxConcurrentSends);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Started(_logger, _channel.Name, _options.MaxMessagesPerSecond, _options.PerChatInterval);
        try
        {
            // Before the first round, and until it is done: claims left by a crash must be settled before any send.
            for (var failures = 0; ; )
            {
                try
                {
                    var uncertain = await _claims.SettleInterruptedAsync(stoppingToken).ConfigureAwait(false);
                    if (uncertain > 0)
                    {
                        Log.Uncertain(_logger, _channel.Name, uncertain);
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

        // Receiving has stopped by now (channels stop before the sender).
        if (!_skipFlush)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops without the shutdown flush: this replica lost its role as the channel's sender, and flushing beside
    /// the next sender could send the same messages twice. Sends on the wire are still recorded.
    /// </summary>
    internal void SkipFlush() => _skipFlush = true;

    /// <summary>
    /// Sends what is queued for a bounded time; whatever is left stays in the outbox and goes out after the next
    /// start. The same deadline, on the same clock, then cuts the sends still on the wire.
    /// </summary>
    internal async Task FlushAsync()
    {
        using var flush = new CancellationTokenSource(_options.ShutdownFlushTimeout, _time);
        using var hardStop = flush.Token.Register(static state => ((CancellationTokenSource)state!).Cancel(), _hardStop);
        try
        {
            while (await RunRoundAsync(flush.Token).ConfigureAwait(false) != RoundResult.Empty)
            {
            }
        }
        catch (OperationCanceledException)
        {
            Log.FlushCut(_logger, _channel.Name, _options.ShutdownFlushTimeout);
        }
        catch (Exception ex)
        {
            Log.FlushFailed(_logger, _channel.Name, ex); // what is left is sent after the next start
        }
    }

    private Task WaitAfterFailureAsync(int failures, Exception error, CancellationToken cancellationToken)
    {
        var wait = _retries.DatabaseBackoff(failures);
        if (_outbox.Session.IsTransient(error))
        {
            Log.DatabaseUnavailable(_logger, _channel.Name, failures, wait, error);
        }
        else
        {
            Log.RoundFailed(_logger, _channel.Name, failures, wait, error);
        }

        return Task.Delay(wait, _time, cancellationToken);
    }

    private async Task RunUntilIdleAsync(CancellationToken cancellationToken)
    {
        switch (await RunRoundAsync(cancellationToken).ConfigureAwait(false))
        {
            case RoundResult.Empty:
                // A second is the longest a message written by another process (or due for a retry) waits.
                await _signal.WaitAsync(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
                break;
            case RoundResult.Throttled:
                await _signal.WaitAsync(_pacing.ThrottledWait, _time, cancellationToken).ConfigureAwait(false);
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
        var pause = _pacing.PauseLeft(_time.GetUtcNow());
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
        }

        var roundSize = _pacing.RoundSize;
        var now = _time.GetUtcNow();
        var pending = _reader.NextPerChat(roundSize * 4, _channel.Name, now.ToUnixTimeMilliseconds());
        if (pending.Count == 0)
        {
            return RoundResult.Empty;
        }

        // One message per chat: a chat whose next message waits (its limit) sends nothing later this round.
        var sends = new List<Task>(roundSize);
        try
        {
            foreach (var message in pending)
            {
                if (sends.Count >= roundSize || _pacing.IsPaused(_time.GetUtcNow()))
                {
                    break;
                }

                // A message that goes as several channel messages takes that many of the chat's and the channel's permits.
                var cost = _channel.Cost(message);
                using var chatLease = _pacing.TryChat(message.ChatId, cost);
                if (!chatLease.IsAcquired)
                {
                    continue;
                }

                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var claimer = _claims.Claimer(message);
                var claimed = false;
                try
                {
                    // A message sent at most once is claimed (durably) before it goes on the wire, so that after a
                    // crash it is never sent twice; a claim that fails means it was cancelled, held or opted out
                    // meanwhile. The claim comes before the rate permit: a send must follow its permit at once, or
                    // sends delayed by the database would bunch up on the wire and break the limit in the channel's windows.
                    if (claimer is not null)
                    {
                        claimed = await _claims.ClaimAsync(message, cancellationToken).ConfigureAwait(false);
                        if (!claimed)
                        {
                            _slots.Release();
                            continue;
                        }
                    }

                    await _pacing.PermitAsync(cost, cancellationToken).ConfigureAwait(false);
                    sends.Add(SendAsync(message, claimer, _hardStop.Token));
                }
                catch
                {
                    _slots.Release();
                    if (claimed)
                    {
                        await _claims.ReleaseAsync(message, claimer!).ConfigureAwait(false);
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

    private async Task SendAsync(OutboxMessage message, IOutboxObserver? claimer, CancellationToken cancellationToken)
    {
        try
        {
            SendResult result;
            var started = _time.GetUtcNow();
            try
            {
                result = await _channel.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = new SendResult(SendOutcome.Transient, Error: ex.GetType().Name + ": " + ex.Message);
            }

            await RecordAsync(message, claimer, result, started).ConfigureAwait(false);
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
    private async Task RecordAsync(OutboxMessage message, IOutboxObserver? claimer, SendResult result, DateTimeOffset started)
    {
        var write = Outcome(message, claimer, result, started);
        if (write is null)
        {
            return;
        }

        for (var failures = 0; ; )
        {
            try
            {
                await _writer.RunAsync(_outbox, write, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (_outbox.Session.IsTransient(ex) && !_hardStop.IsCancellationRequested)
            {
                var wait = _retries.DatabaseBackoff(++failures);
                Log.RecordRetried(_logger, _channel.Name, message.Id, result.Outcome, wait, ex);
                try
                {
                    await Task.Delay(wait, _time, _hardStop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Log.NotRecorded(_logger, _channel.Name, message.Id, result.Outcome, ex);
                    return;
                }
            }
            catch (Exception ex)
            {
                Log.NotRecorded(_logger, _channel.Name, message.Id, result.Outcome, ex);
                return;
            }
        }
    }

    /// <summary>
    /// What to write for a send's outcome (null: nothing): the outbox's own rows, then the observers', in one
    /// transaction. The pause and the logs happen here, once.
    /// </summary>
    /// <param name="started">When the send went on the wire: an owner who wrote since then has opened their window again.</param>
    private Func<OutboxStore, DateTimeOffset, bool>? Outcome(OutboxMessage message, IOutboxObserver? claimer, SendResult result, DateTimeOffset started)
    {
        var now = _time.GetUtcNow();
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                return (store, at) =>
                {
                    store.MarkSent(message.Id, result.ChannelMessageId, at.ToUnixTimeMilliseconds());
                    foreach (var observer in _observers)
                    {
                        observer.Sent(message, at);
                    }

                    return true;
                };

            case SendOutcome.RateLimited:
                _pacing.PauseUntil(now + result.RetryAfter);
                Log.RateLimited(_logger, _channel.Name, result.RetryAfter);
                return claimer is null ? null : (_, at) =>
                {
                    claimer.NotDelivered(message, at); // it goes again after the pause, unless taken back meanwhile
                    return true;
                };

            case SendOutcome.Blocked:
                Log.Blocked(_logger, _channel.Name, message.ChatId);
                return (store, at) =>
                {
                    foreach (var observer in _observers)
                    {
                        observer.Unreachable(message.Channel, message.ChatId, at);
                    }

                    store.MarkUnreachable(message.Channel, message.ChatId, at.ToUnixTimeMilliseconds());
                    store.MarkFailed(message.Id, "blocked", at.ToUnixTimeMilliseconds());
                    foreach (var observer in _observers)
                    {
                        observer.Blocked(message, at);
                    }

                    return true;
                };

            case SendOutcome.OutsideWindow when claimer is not null:
                // Sent at most once, and stale by the owner's next message days later: counted by its observer, not held.
                Log.AnnouncementOutsideWindow(_logger, _channel.Name, message.Id);
                return (store, at) =>
                {
                    store.MarkFailed(message.Id, result.Error ?? "outside the window", at.ToUnixTimeMilliseconds());
                    foreach (var observer in _observers)
                    {
                        observer.OutsideWindow(message, at);
                    }

                    return true;
                };

            case SendOutcome.OutsideWindow:
                Log.HeldOutsideWindow(_logger, _channel.Name, message.ChatId, message.Id);
                return (store, at) =>
                {
                    if (store.Hold(message.Id, message.Channel, message.ChatId, started.ToUnixTimeMilliseconds(), result.Error, at.ToUnixTimeMilliseconds()) > 0)
                    {
                        foreach (var observer in _observers)
                        {
                            observer.OutsideWindow(message, at);
                        }
                    }

                    return true;
                };

            case SendOutcome.Transient when _retries.Retries(message.Attempts):
                var backoff = _retries.MessageBackoff(message.Attempts);
                Log.Retrying(_logger, _channel.Name, message.Id, message.Attempts + 1, backoff, result.Error);
                return (store, _) =>
                {
                    store.Reschedule(message.Id, message.Channel, message.ChatId, (now + backoff).ToUnixTimeMilliseconds(), result.Error);
                    claimer?.NotDelivered(message, now);
                    return true;
                };

            default:
                Log.GaveUp(_logger, _channel.Name, message.Id, result.Outcome, result.Error);
                return (store, at) =>
                {
                    store.MarkFailed(message.Id, result.Error ?? result.Outcome.ToString(), at.ToUnixTimeMilliseconds());
                    foreach (var observer in _observers)
                    {
                        observer.Failed(message, at);
                    }

                    return true;
                };
        }
    }

    public override void Dispose()
    {
        _pacing.Dispose();
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
}
