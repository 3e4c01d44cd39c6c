using System.Data.Common;

namespace ChatAssistant.Storage;

/// <summary>
/// One database engine behind the stores: how connections are made, the engine's SQL (<see cref="Dialect"/>), its
/// schema (<see cref="Migrations"/>, numbered like every other provider's), how the single writer takes the write
/// lock, which errors pass by themselves, and the housekeeping the engine needs beside the writer. SQLite
/// (<see cref="Sqlite.SqliteProvider"/>, one file for one worker) and PostgreSQL
/// (<see cref="Postgres.PostgresProvider"/>, one server for several replicas); features never see which one runs.
/// </summary>
internal interface IStorageProvider
{
    StorageProviderKind Kind { get; }

    /// <summary>
    /// True when several worker processes may write the same database at once (PostgreSQL): then each owner's
    /// messages are locked per transaction, and polling, sending and feeding run on one elected replica at a time.
    /// </summary>
    bool SharedByReplicas { get; }

    ISqlDialect Dialect { get; }

    /// <summary>The schema as an append-only numbered list (version N means the same change on every provider).</summary>
    IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The DDL of the table recording applied migrations (version, name, applied_at), created if missing.</summary>
    string MigrationsTable { get; }

    /// <summary>A new open connection with the engine's settings; the schema is not touched.</summary>
    DbConnection Open();

    /// <summary>
    /// Starts a write transaction that holds the write lock from its first statement (SQLite: BEGIN IMMEDIATE), so
    /// that a transaction is never refused halfway for a lock it would have to upgrade.
    /// </summary>
    DbTransaction BeginWrite(DbConnection connection);

    /// <summary>
    /// Held while <see cref="MigrationRunner"/> migrates on <paramref name="connection"/>, so that one process migrates
    /// at a time (PostgreSQL: a session advisory lock; SQLite: nothing, its write transactions already serialise).
    /// </summary>
    IDisposable LockMigrations(DbConnection connection);

    /// <summary>Settings for the one writer's connection, once it is open and migrated.</summary>
    void PrepareWriter(DbConnection connection);

    /// <summary>Housekeeping that runs beside the writer while it is open (SQLite: the log checkpoints).</summary>
    IDisposable StartHousekeeping();

    /// <summary>
    /// After a commit that erased an owner's data: makes the erased bytes leave every file the engine keeps
    /// (SQLite: the write-ahead log still holds the old pages until it is truncated).
    /// </summary>
    void ScrubAfterErase(DbConnection connection);

    /// <summary>True for an error that passes by itself (a lock held elsewhere, a full disk): try again later.</summary>
    bool IsTransient(Exception exception);
}
