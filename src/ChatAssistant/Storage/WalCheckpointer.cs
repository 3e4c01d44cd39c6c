using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Storage;

/// <summary>
/// Copies the write-ahead log back into the database on a thread of its own, on its own connection, so that
/// the writer never stops for it. SQLite's automatic checkpoint runs inside whichever commit crosses the
/// threshold and syncs two files to disk (10-40 ms here), which every message queued behind that commit
/// waits for; a passive checkpoint on another connection runs beside the writer instead. The writer keeps a
/// high automatic threshold (<see cref="WriterBackstopPages"/>) as a backstop, which bounds the log: under
/// sustained load this thread never finds it all copied, so that is where the log restarts. With
/// <c>synchronous=NORMAL</c> the checkpoint is also what makes commits durable against power loss, so a short
/// interval bounds that window too. A checkpoint that fails (the disk full, an I/O error) is logged once, tried
/// again with growing waits, and its recovery logged.
/// A checkpoint that copied part of the log also syncs the database file (<see cref="Sqlite.SqliteDatabaseFile"/>),
/// so the writer's backstop finds little to sync. On a thread of its own, not the pool's: its syncs block for
/// milliseconds, and on two cores a pool thread held that long delays the messages' own work.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>
    /// Log size (pages) at which the writer checkpoints in its own commit after all. Under sustained load the passive
    /// checkpoints never copy the whole log (the writer adds frames while they run), so the log restarts only here,
    /// and each time the writer stops for two syncs (about 5 ms on this disk). At 5,000 messages/s 16,000 pages came
    /// about every 2 s: p99 median 0.80 ms, over 1 ms in 3 of 14 runs. 64,000 (about every 7 s; a log of up to
    /// 250 MiB on disk, about 0.5 s to read back after a crash): median 0.72 ms, over 1 ms in 1 of 14
    /// (docs/benchmarks.md).
    /// </summary>
    public const int WriterBackstopPages = 64_000;

    /// <summary>
    /// How often the log is copied back. Short: each round then has little to copy, and at 1,000 messages/s
    /// 50 ms gave a p99 latency well under 200 ms's (docs/benchmarks.md).
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan RetryMax = TimeSpan.FromSeconds(10);

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly Thread _loop;
    private Func<int>? _syncDatabase;
    private long _copiedBefore;

    public WalCheckpointer(string path, TimeSpan busyTimeout, TimeSpan interval, TimeProvider time, Random random, ILogger? logger = null)
    {
        _interval = interval;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _random = random;
        _connection = Database.Open(path, busyTimeout);
        _checkpoint = _connection.CreateCommand();
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        _loop = new Thread(Run) { IsBackground = true, Name = "WAL checkpoint" };
        _loop.Start();
    }

    private void Run()
    {
        // Here rather than in the constructor: off the start-up path (the lookup and its stub take about a millisecond).
        _syncDatabase = Sqlite.SqliteDatabaseFile.SyncFor(_connection);
        if (_syncDatabase is null)
        {
            Log.CheckpointSyncUnavailable(_logger);
        }

        var failures = 0;
        var wait = _interval;
        try
        {
            while (true)
            {
                Task.Delay(wait, _time, _stop.Token).GetAwaiter().GetResult();
                try
                {
                    Checkpoint();
                    if (failures > 0)
                    {
                        Log.CheckpointRecovered(_logger, failures);
                    }

                    failures = 0;
                    wait = _interval;
                }
                catch (SqliteException ex)
                {
                    // Busy or an I/O problem: the writer's backstop still bounds the log meanwhile.
                    wait = DatabaseFaults.Backoff(++failures, _interval, RetryMax, _random.NextDouble);
                    if (failures == 1 || wait >= RetryMax * 0.8)
                    {
                        Log.CheckpointFailed(_logger, failures, wait, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private void Checkpoint()
    {
        long copied;
        using (var reader = _checkpoint.ExecuteReader())
        {
            // One row, (busy, log frames, frames copied); read defensively, as nothing on this thread may throw
            // anything but SQLite's own errors, which the loop retries.
            copied = reader.Read() ? reader.GetInt64(2) : 0;
        }

        // The result cannot tell whether the writer added frames while they were copied (then SQLite did not sync the
        // file), so any new copy is synced; after a sync of SQLite's own this one finds nothing left to write.
        if (_syncDatabase is not null && copied > 0 && copied != _copiedBefore)
        {
            var result = _syncDatabase();
            if (result != 0)
            {
                throw new SqliteException("Syncing the database file after a checkpoint failed", result);
            }
        }

        _copiedBefore = copied;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Join();
        _checkpoint.Dispose();
        _connection.Dispose();
        _stop.Dispose();
    }
}
