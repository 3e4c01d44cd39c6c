using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Storage.Sqlite;

/// <summary>
/// SQLite in one file (<see cref="Database"/> opens it: WAL, <c>synchronous=NORMAL</c>, <c>secure_delete</c>), with
/// the log copied back beside the writer (<see cref="WalCheckpointer"/>) and truncated after an erasure.
/// </summary>
internal sealed partial class SqliteProvider(string path, TimeSpan busyTimeout, TimeProvider time, Random random, ILogger logger) : IStorageProvider
{
    public string Path => path;

    public StorageProviderKind Kind => StorageProviderKind.Sqlite;

    // One worker per file: DatabaseLock refuses a second writer process.
    public bool SharedByReplicas => false;

    public ISqlDialect Dialect => SqliteDialect.Instance;

    public IReadOnlyList<Migration> Migrations => SqliteMigrations.All;

    public string MigrationsTable => """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at INTEGER NOT NULL
            );
            """;

    public DbConnection Open() => Database.Open(path, busyTimeout);

    public DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    // Each migration's BEGIN IMMEDIATE waits for another process's, which then finds the version recorded.
    public IDisposable LockMigrations(DbConnection connection) => NoLock.Instance;

    // Checkpoints run beside the writer, not inside its commits (see WalCheckpointer).
    public void PrepareWriter(DbConnection connection) => Database.Execute((SqliteConnection)connection,
        "PRAGMA wal_autocheckpoint = " + WalCheckpointer.WriterBackstopPages.ToString(CultureInfo.InvariantCulture));

    public IDisposable StartHousekeeping() => new WalCheckpointer(path, busyTimeout, WalCheckpointer.Interval, time, random, logger);

    public bool IsTransient(Exception exception) => DatabaseFaults.IsTransient(exception);

    /// <summary>
    /// Copies the log into the file and truncates it to zero bytes, so the pre-deletion page images in the -wal file
    /// are gone too (secure_delete zeroes the freed cells only in the new page images). TRUNCATE waits (busy
    /// timeout) for readers still on old snapshots; if the checkpoint thread holds the checkpoint lock it reports
    /// busy, so this tries a few times. On the writer thread, but erasures are rare and this takes milliseconds.
    /// </summary>
    public void ScrubAfterErase(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                using var reader = command.ExecuteReader();
                if (reader.Read() && reader.GetInt64(0) == 0)
                {
                    return;
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
            {
                // SQLITE_BUSY / SQLITE_LOCKED: another checkpoint is running; try again shortly.
            }

            // A real pause for another thread's checkpoint or reader, not a time the assistant reasons with: on the
            // system clock even under a test's fake clock, which would never let it end.
            Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System).GetAwaiter().GetResult();
        }
    }

    private sealed class NoLock : IDisposable
    {
        public static NoLock Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
