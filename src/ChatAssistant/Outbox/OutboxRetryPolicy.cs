using ChatAssistant.Storage;

namespace ChatAssistant.Outbox;

/// <summary>
/// How long to wait before trying again: a message after a passing fault (doubling from the configured first
/// wait, given up after the configured tries), and a round or a record the database refused. Every wait has a
/// little jitter, so that many failures do not all come back at once; the jitter comes from the injected
/// <see cref="Random"/>, so a test can fix it.
/// </summary>
internal sealed class OutboxRetryPolicy(OutboxOptions options, Random random)
{
    // Waits after a round the database failed, and between tries to record a send's outcome.
    private static readonly TimeSpan DatabaseRetryFirst = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DatabaseRetryMax = TimeSpan.FromSeconds(5);

    /// <summary>Whether a message that failed with a passing fault after <paramref name="attempts"/> earlier tries goes again.</summary>
    public bool Retries(int attempts) => attempts + 1 < options.MaxAttempts;

    /// <summary>The wait before the next try of a message that failed after <paramref name="attempts"/> earlier tries.</summary>
    public TimeSpan MessageBackoff(int attempts) =>
        DatabaseFaults.Backoff(attempts + 1, options.InitialBackoff, options.MaxBackoff, Jitter);

    /// <summary>The wait after the database refused a round or a record <paramref name="failures"/> times in a row.</summary>
    public TimeSpan DatabaseBackoff(int failures) =>
        DatabaseFaults.Backoff(failures, DatabaseRetryFirst, DatabaseRetryMax, Jitter);

    // Sends record their outcomes concurrently; a Random is not safe to share without a lock.
    private double Jitter()
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }
}
