using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>
/// Copies the write-ahead log back into the database on a thread of its own, on its own connection, so that
/// the writer never stops for it. SQLite's automatic checkpoint runs inside whichever commit crosses the
/// threshold and syncs two files to disk (10-40 ms here), which every message queued behind that commit
/// waits for; a passive checkpoint on another connection runs beside the writer instead. The writer keeps a
/// high automatic threshold (<see cref="WriterBackstopPages"/>) as a backstop, so the log stays bounded if
/// this thread falls behind under sustained load. With <c>synchronous=NORMAL</c> the checkpoint is also what
/// makes commits durable against power loss, so a short interval bounds that window too.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>Log size (pages) at which the writer checkpoints in its own commit after all.</summary>
    public const int WriterBackstopPages = 16_000;

    /// <summary>
    /// How often the log is copied back. Short: each round then has little to copy, and at 1,000 messages/s
    /// 50 ms gave a p99 latency well under 200 ms's (docs/benchmarks.md).
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly ManualResetEventSlim _stop = new();
    private readonly TimeSpan _interval;
    private readonly Thread _thread;

    public WalCheckpointer(string path, TimeSpan busyTimeout, TimeSpan interval)
    {
        _interval = interval;
        _connection = Database.Open(path, busyTimeout);
        _checkpoint = _connection.CreateCommand();
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpoint" };
        _thread.Start();
    }

    private void Run()
    {
        while (!_stop.Wait(_interval))
        {
            try
            {
                _checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Busy or an I/O problem: the writer's backstop still bounds the log, and the next round tries again.
            }
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _checkpoint.Dispose();
        _connection.Dispose();
        _stop.Dispose();
    }
}
