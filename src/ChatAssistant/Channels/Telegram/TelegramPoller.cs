using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace ChatAssistant.Channels.Telegram;

/// <summary>
/// Long-polls getUpdates itself rather than using Telegram.Bot's receiver, which moves the offset on before
/// the handler runs (an update whose handling crashed would be lost). Here the next offset is committed in
/// the same transaction as the update it follows, and read back from the database at start. Updates are read
/// one by one from the raw answer (<see cref="TelegramUpdateSource"/>): one that cannot be read is kept as a
/// dead letter and passed, where the typed call would fail its whole batch again on every poll.
/// </summary>
internal sealed class TelegramPoller(
    ITelegramBotClient bot,
    TelegramUpdateSource source,
    TelegramReceiver receiver,
    IChannelInbox inbox,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = (int)options.Value.PollTimeout.TotalSeconds;
        await RetryAsync(ct => bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct), stoppingToken).ConfigureAwait(false);
        var stored = await inbox.LoadPositionAsync(TelegramInbound.Channel, TelegramReceiver.OffsetKey, stoppingToken).ConfigureAwait(false);
        var offset = stored is null ? 0 : long.Parse(stored, CultureInfo.InvariantCulture);
        Log.Polling(logger, offset);

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            List<RawUpdate> updates;
            try
            {
                updates = await source.GetUpdatesAsync(offset, limit: 100, timeout, stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                Log.TokenRejected(logger, ex);
                throw;
            }
            catch (Exception ex)
            {
                var wait = Backoff(++failures);
                Log.PollFailed(logger, wait, ex);
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (updates.Count == 0)
            {
                continue;
            }

            // All of the batch is queued at once, in order: the writer keeps each chat's order and can commit
            // the batch together. The offset moves on only when every update of the batch is committed.
            var handling = new Task[updates.Count];
            var next = offset;
            for (var i = 0; i < updates.Count; i++)
            {
                handling[i] = receiver.HandleAsync(updates[i], commitOffset: true, stoppingToken);
                next = Math.Max(next, updates[i].Id + 1);
            }

            try
            {
                await Task.WhenAll(handling).ConfigureAwait(false);
                offset = next;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database refused; the same updates come again from Telegram and the inbox drops those done.
                var wait = Backoff(++failures);
                Log.HandleFailed(logger, wait, ex);
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RetryAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                Log.TokenRejected(logger, ex);
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var wait = Backoff(attempt);
                Log.PollFailed(logger, wait, ex);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Backoff(int failures) => TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 10))));
}
