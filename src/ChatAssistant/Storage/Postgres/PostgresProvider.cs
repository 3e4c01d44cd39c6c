using System.Data;
using System.Data.Common;
using Npgsql;

namespace ChatAssistant.Storage.Postgres;

/// <summary>
/// PostgreSQL as the store several equal worker replicas share: connections from one pooled
/// <see cref="NpgsqlDataSource"/>, READ COMMITTED write transactions (each owner's rows are serialised by a
/// transaction-scoped advisory lock the writer takes, invariants over several rows by their own locks), statements
/// prepared by Npgsql after a few uses. Nothing to do beside the writer: the server checkpoints and vacuums itself.
/// </summary>
internal sealed class PostgresProvider : IStorageProvider, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresProvider(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            // The writer and readers run the same few dozen statements millions of times: let Npgsql prepare them.
            builder.MaxAutoPrepare = 256;
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "chatassistant";
        }

        ConnectionString = builder.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>The connection string as used (with the provider's defaults), for a dedicated connection of its own.</summary>
    public string ConnectionString { get; }

    public StorageProviderKind Kind => StorageProviderKind.Postgres;

    public bool SharedByReplicas => true;

    public ISqlDialect Dialect => PostgresDialect.Instance;

    public IReadOnlyList<Migration> Migrations => PostgresMigrations.All;

    public string MigrationsTable => """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            );
            """;

    public DbConnection Open() => _dataSource.OpenConnection();

    public DbTransaction BeginWrite(DbConnection connection) => ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.ReadCommitted);

    public IDisposable LockMigrations(DbConnection connection) => PostgresMigrationLock.Take(connection);

    public void PrepareWriter(DbConnection connection)
    {
        // Nothing: the server's own settings apply.
    }

    public IDisposable StartHousekeeping() => NoHousekeeping.Instance;

    public void ScrubAfterErase(DbConnection connection)
    {
        // Deleted rows leave the table's pages when autovacuum reclaims them; nothing a single session can force inside
        // the writer without stopping every other write for a VACUUM FULL.
    }

    public bool IsTransient(Exception exception) => PostgresFaults.IsTransient(exception);

    public void Dispose() => _dataSource.Dispose();

    private sealed class NoHousekeeping : IDisposable
    {
        public static NoHousekeeping Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
