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
internal sealed class BroadcastFeeder(
    string channel,
    OutboxOptions outbox,
    BroadcastOptions options,
    ConversationWriter writer,
    BroadcastStore broadcasts,
    TimeProvider time,
    Random random,
    ILogger<BroadcastFeeder> logger) : BackgroundService
{
    // After a failed round (the database locked by another process, the disk full): doubling waits up to this.
    private static readonly TimeSpan RetryMax = TimeSpan.FromSeconds(30);

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
                        Log.RoundsRecovered(logger, channel, failures);
                        failures = 0;
                    }

                    wait = busy ? options.FeedInterval : TimeSpan.FromSeconds(1);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed round changed nothing (one transaction); owners' messages must not stop over it.
                    wait = DatabaseFaults.Backoff(++failures, TimeSpan.FromSeconds(1), RetryMax, random.NextDouble);
                    Log.RoundFailed(logger, channel, failures, wait, ex);
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
        writer.RunAsync(broadcasts, (broadcasts, now) =>
        {
            if (!broadcasts.HasOpenBroadcasts())
            {
                return false;
            }

            var ms = now.ToUnixTimeMilliseconds();
            foreach (var (id, recipients) in broadcasts.StartDueBroadcasts(ms))
            {
                if (recipients is { } count)
                {
                    Log.BroadcastStarted(logger, id, count);
                }
                else
                {
                    Log.BroadcastRefused(logger, id);
                }
            }

            var held = broadcasts.HoldForQuietHours(channel, _quietHours.QuietOffsets(now), ms);
            if (held > 0)
            {
                Log.AnnouncementsHeld(logger, held, channel);
            }

            broadcasts.FeedAnnouncements(channel, _queueAhead - broadcasts.PendingAnnouncements(channel), _quietHours.AwakeOffsets(now), ms);
            if (broadcasts.FinishBroadcasts(ms) > 0)
            {
                Log.BroadcastFinished(logger, channel);
            }

            return true;
        }, cancellationToken);
}
