using ChatAssistant.Conversations;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// Keeps one channel's outbox topped up with announcements: starts scheduled broadcasts when due (fixing their
/// recipient lists), queues a couple of seconds' worth of recipients at a time (behind every reply, since
/// announcements have the lower priority), holds owners in quiet hours until their morning, and closes
/// broadcasts with nobody left. All of it on the writer, so each step is one transaction and survives a crash.
/// </summary>
internal sealed partial class BroadcastFeeder(
    string channel,
    OutboxOptions outbox,
    BroadcastOptions options,
    ConversationWriter writer,
    TimeProvider time,
    ILogger<BroadcastFeeder> logger,
    Random? random = null) : BackgroundService
{
    // After a failed round (the database locked by another process, the disk full): doubling waits up to this.
    private static readonly TimeSpan RetryMax = TimeSpan.FromSeconds(30);

    private readonly Random _random = random ?? Random.Shared;
    private readonly QuietHours _quietHours = options.QuietHours;
    private readonly int _queueAhead = Math.Max(1, (int)Math.Ceiling(outbox.MaxMessagesPerSecond * options.QueueAhead.TotalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    var busy = await FeedOnceAsync(stoppingToken).ConfigureAwait(false);
                    if (failures > 0)
                    {
                        LogRecovered(logger, channel, failures);
                        failures = 0;
                    }

                    wait = busy ? options.FeedInterval : TimeSpan.FromSeconds(1);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed round changed nothing (one transaction); owners' messages must not stop over it.
                    wait = DatabaseFaults.Backoff(++failures, TimeSpan.FromSeconds(1), RetryMax, _random.NextDouble);
                    LogRoundFailed(logger, channel, failures, wait, ex);
                }

                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the lists are in the database; the next start goes on from there.
        }
    }

    /// <summary>One round; true while any broadcast is scheduled or sending.</summary>
    internal Task<bool> FeedOnceAsync(CancellationToken cancellationToken = default) =>
        writer.RunAsync((store, now) =>
        {
            if (!store.HasOpenBroadcasts())
            {
                return false;
            }

            var ms = now.ToUnixTimeMilliseconds();
            foreach (var (id, recipients) in store.StartDueBroadcasts(ms))
            {
                if (recipients is { } count)
                {
                    LogStarted(logger, id, count);
                }
                else
                {
                    LogRefused(logger, id);
                }
            }

            var held = store.HoldForQuietHours(channel, _quietHours.QuietOffsets(now), ms);
            if (held > 0)
            {
                LogHeld(logger, held, channel);
            }

            store.FeedAnnouncements(channel, _queueAhead - store.PendingAnnouncements(channel), _quietHours.AwakeOffsets(now), ms);
            if (store.FinishBroadcasts(ms) > 0)
            {
                LogFinished(logger, channel);
            }

            return true;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Channel} broadcast round failed (try {Failures}); trying again in {Wait}")]
    private static partial void LogRoundFailed(ILogger logger, string channel, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} broadcast rounds work again after {Failures} failed")]
    private static partial void LogRecovered(ILogger logger, string channel, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broadcast {Id} was cancelled at its start: its saved filters no longer read (see 'broadcast status {Id}')")]
    private static partial void LogRefused(ILogger logger, long id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {Id} started for {Recipients} recipients")]
    private static partial void LogStarted(ILogger logger, long id, int recipients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quiet hours: {Count} {Channel} announcements held until the owners' morning")]
    private static partial void LogHeld(ILogger logger, int count, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "A broadcast finished ({Channel} feeder)")]
    private static partial void LogFinished(ILogger logger, string channel);
}
