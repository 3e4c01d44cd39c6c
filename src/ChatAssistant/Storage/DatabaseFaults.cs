using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>
/// Which database errors pass by themselves (another process holds the lock, the disk is full or failing for a
/// moment), so that a background loop waits and tries again instead of stopping the worker; and how long it
/// waits. Anything else is a bug or a broken configuration, and is not retried as if it were weather.
/// </summary>
internal static class DatabaseFaults
{
    public static bool IsTransient(Exception exception) =>
        exception is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is
            5 // SQLITE_BUSY: another connection or process holds the lock past the busy timeout
            or 6 // SQLITE_LOCKED
            or 7 // SQLITE_NOMEM
            or 10 // SQLITE_IOERR: a failed read or write (also what a full disk can look like)
            or 13 // SQLITE_FULL
            or 15; // SQLITE_PROTOCOL: a lock race in the WAL index

    /// <summary>
    /// Doubling waits from <paramref name="initial"/> up to <paramref name="max"/>, each between 80% and 120% of
    /// its step, so that loops failing together (every one of them, when the disk is full) do not all return at once.
    /// </summary>
    /// <param name="failures">Failures in a row so far, at least 1.</param>
    /// <param name="random">A number in [0, 1): injected, so that tests can fix it.</param>
    public static TimeSpan Backoff(int failures, TimeSpan initial, TimeSpan max, Func<double> random)
    {
        var doubled = initial * Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        var capped = doubled < max ? doubled : max;
        return capped * (0.8 + (random() * 0.4));
    }
}
