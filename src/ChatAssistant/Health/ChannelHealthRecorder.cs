using ChatAssistant.Conversations;
using ChatAssistant.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Health;

/// <summary>
/// Writes each channel's last successful call into the database (channel_state), where the <c>health</c> verb,
/// a separate process, reads it. A channel that was quiet for a round (webhook mode with no traffic) is probed,
/// so a healthy idle worker stays healthy and a revoked token or an unreachable API shows within a few rounds.
/// </summary>
internal sealed class ChannelHealthRecorder(
    IEnumerable<IChannelProbe> probes,
    ChannelCalls calls,
    ConversationWriter writer,
    OutboxStore outbox,
    IOptions<HealthOptions> options,
    TimeProvider time,
    ILogger<ChannelHealthRecorder> logger) : BackgroundService
{
    private readonly Dictionary<string, DateTimeOffset> _recorded = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ProbeInterval;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await RoundAsync(interval, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round: probe the channels that were quiet, then record what changed.</summary>
    internal async Task RoundAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        foreach (var probe in probes)
        {
            if (calls.LastSuccess(probe.Channel) is { } last && time.GetUtcNow() - last < interval)
            {
                continue;
            }

            try
            {
                await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.ProbeFailed(logger, probe.Channel, ex);
            }
        }

        foreach (var probe in probes)
        {
            if (calls.LastSuccess(probe.Channel) is not { } last || (_recorded.TryGetValue(probe.Channel, out var done) && done == last))
            {
                continue;
            }

            try
            {
                await writer.RunAsync(outbox, (store, _) =>
                {
                    ChannelHealthSql.Record(store, probe.Channel, last);
                    return true;
                }, cancellationToken).ConfigureAwait(false);
                _recorded[probe.Channel] = last;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A busy or full disk must not stop the worker; the check sees the record age and says so.
                Log.RecordFailed(logger, probe.Channel, ex);
            }
        }
    }
}
