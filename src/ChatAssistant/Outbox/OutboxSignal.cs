namespace ChatAssistant.Outbox;

/// <summary>
/// Wakes the senders when the writer has committed new outbox rows, so they need not poll the database.
/// Many signals while a sender is busy collapse into one wake-up.
/// </summary>
internal sealed class OutboxSignal
{
    private readonly System.Threading.Channels.Channel<bool> _wake =
        System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });

    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// Waits for a signal, or for <paramref name="timeout"/> to pass on <paramref name="time"/> (a safety net for
    /// rows written by another process).
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _wake.Reader.ReadAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout passed: the caller looks at the outbox anyway.
        }
    }
}
