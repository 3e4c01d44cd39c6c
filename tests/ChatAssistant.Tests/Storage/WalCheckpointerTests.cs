using ChatAssistant.Storage;
using ChatAssistant.Storage.Sqlite;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Storage;

public sealed class WalCheckpointerTests : IDisposable
{
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Copies_the_log_into_the_database_file_on_its_interval_and_not_before()
    {
        var path = Path.Combine(_folder.Path, "log.db");
        using var writer = Database.Open(path, Busy);
        Database.Execute(writer, "PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x BLOB);");
        var time = new FakeTimeProvider();
        using var checkpointer = new WalCheckpointer(path, Busy, Interval, time, new Random(1));
        var before = new FileInfo(path).Length;

        // 300 rows of 1 KB: about 80 pages, all in the log until a checkpoint copies them.
        Database.Execute(writer, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
            INSERT INTO t SELECT randomblob(1000) FROM n;
            """);
        Assert.Equal(before, new FileInfo(path).Length);

        // The checkpoint runs on its own thread: advance the clock until it has copied (its delay may start late).
        var copied = SpinWait.SpinUntil(
            () =>
            {
                time.Advance(Interval);
                return new FileInfo(path).Length >= before + 300_000;
            },
            TimeSpan.FromSeconds(30));
        Assert.True(copied, $"the database file stayed at {new FileInfo(path).Length} bytes");
    }

    [Fact]
    public void Syncs_a_connections_database_file_through_SQLites_own_file_object()
    {
        var path = Path.Combine(_folder.Path, "sync.db");
        var connection = Database.Open(path, Busy);
        Database.Execute(connection, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");

        var sync = SqliteDatabaseFile.SyncFor(connection);

        Assert.NotNull(sync);
        Assert.Equal(0, sync()); // SQLITE_OK
        connection.Dispose();
        Assert.Null(SqliteDatabaseFile.SyncFor(connection)); // closed: no file to sync
    }
}
