using ChatAssistant.Storage;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Outbox;

/// <summary>
/// The claim protocol for messages sent at most once (announcements): a message an observer asks for is claimed
/// (<c>outbox.sending_since</c>, committed) before its permit and its send, so that after a crash it is never sent
/// twice; its observer releases the claim when it comes back undelivered, and settles as uncertain, at the next
/// start, those that were on the wire when the worker stopped.
/// </summary>
internal sealed class OutboxClaims(string channel, IStoreWriter writer, OutboxStore outbox, IOutboxObserver[] observers, ILogger logger)
{
    /// <summary>The observer that asked for the message to be claimed, or null when it is sent like a reply.</summary>
    public IOutboxObserver? Claimer(OutboxMessage message)
    {
        foreach (var observer in observers)
        {
            if (observer.ClaimsBeforeSending(message))
            {
                return observer;
            }
        }

        return null;
    }

    /// <summary>Claims the message; false when it is no longer pending (cancelled, held or opted out meanwhile) and must not be sent.</summary>
    public Task<bool> ClaimAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        writer.RunAsync(outbox, (store, at) => store.Claim(message.Id, at.ToUnixTimeMilliseconds()), cancellationToken);

    /// <summary>Before any send: settles what was claimed and on the wire when the worker stopped. Returns how many.</summary>
    public Task<int> SettleInterruptedAsync(CancellationToken cancellationToken) =>
        writer.RunAsync(
            outbox,
            (_, at) =>
            {
                var uncertain = 0;
                foreach (var observer in observers)
                {
                    uncertain += observer.Uncertain(channel, at);
                }

                return uncertain;
            },
            cancellationToken);

    /// <summary>A message claimed but never sent (stopping) may go after the next start.</summary>
    public async Task ReleaseAsync(OutboxMessage message, IOutboxObserver claimer)
    {
        try
        {
            await writer.RunAsync(outbox, (_, at) =>
            {
                claimer.NotDelivered(message, at);
                return true;
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The writer has stopped: the claim stays, and the next start counts this message as uncertain.
            Log.ClaimKept(logger, channel, message.Id, ex);
        }
    }
}
