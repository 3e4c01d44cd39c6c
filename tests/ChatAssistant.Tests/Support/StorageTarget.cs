using System.Data.Common;
using System.Globalization;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChatAssistant.Tests.Support;

/// <summary>
/// The database a test runs on, whichever engine it is: a SQLite file of the test's own
/// (<see cref="Sqlite(string)"/>) or a fresh PostgreSQL database of its own on the test server
/// (<see cref="Postgres"/>). The same test class runs on both as two sealed subclasses (<c>XxxTests_Sqlite</c>,
/// <c>XxxTests_Postgres</c>) of an abstract one that takes the target. Gives what the product opens
/// (<see cref="Open"/>, <see cref="Provider"/>), a look from the side as an operator's shell would
/// (<see cref="Count"/>, <see cref="Text"/>, <see cref="Execute"/>), and a worker process's settings.
/// </summary>
internal abstract class StorageTarget : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public abstract StorageProviderKind Kind { get; }

    /// <summary>A SQLite file at <paramref name="path"/> (created by the first session that opens it).</summary>
    public static StorageTarget Sqlite(string path) => new SqliteTarget(path);

    /// <summary>A new empty PostgreSQL database of its own (see <see cref="TestPostgres"/>), dropped when disposed.</summary>
    public static StorageTarget Postgres() => new PostgresTarget(TestPostgres.NewDatabase(), null);

    /// <summary>A new empty database of its own on <paramref name="server"/> (a test's private server), dropped when disposed.</summary>
    public static StorageTarget Postgres(string server) => new PostgresTarget(TestPostgres.NewDatabase(server), server);

    /// <summary>The target of a matrix leg: SQLite in <paramref name="folder"/>'s database file, or a new PostgreSQL database.</summary>
    public static StorageTarget Create(StorageProviderKind kind, TempFolder folder) =>
        kind == StorageProviderKind.Postgres ? Postgres() : Sqlite(folder.DatabasePath);

    /// <summary>
    /// The configuration a worker process needs to use this database (environment variables:
    /// <c>Storage__Provider</c> and <c>Storage__Path</c> or <c>Storage__ConnectionString</c>).
    /// </summary>
    public abstract IDictionary<string, string> Settings { get; }

    /// <summary>A new provider over this database, as the worker builds it; disposed with the target.</summary>
    /// <param name="busyTimeout">SQLite only: how long to wait for a lock held elsewhere (5 s when null).</param>
    public abstract IStorageProvider Provider(TimeProvider time, TimeSpan? busyTimeout = null);

    /// <summary>A write session as the worker opens it (the schema brought up to date); the caller disposes it.</summary>
    public WriteSession Open(TimeProvider time, TimeSpan? busyTimeout = null) => new(Provider(time, busyTimeout), time);

    /// <summary>A plain connection of its own, as another process (a tool, an operator's shell) would open.</summary>
    public abstract DbConnection Connect();

    /// <summary>The first column of the first row as a number (COUNT(*), a time in ms).</summary>
    public long Count(string sql) => Convert.ToInt64(Scalar(sql), CultureInfo.InvariantCulture);

    /// <summary>The first column of the first row as text, or null.</summary>
    public string? Text(string sql) => Scalar(sql) as string;

    /// <summary>The first column of every row as text.</summary>
    public IReadOnlyList<string> Texts(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    public void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override string ToString() => Kind.ToString();

    protected T Own<T>(T disposable)
        where T : IDisposable
    {
        lock (_owned)
        {
            _owned.Add(disposable);
        }

        return disposable;
    }

    private object? Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        lock (_owned)
        {
            foreach (var disposable in _owned)
            {
                disposable.Dispose();
            }

            _owned.Clear();
        }

        Release();
    }

    /// <summary>Gives back what the target holds beyond its providers (PostgreSQL: the test's database).</summary>
    protected virtual void Release()
    {
    }

    private sealed class SqliteTarget(string path) : StorageTarget
    {
        public override StorageProviderKind Kind => StorageProviderKind.Sqlite;

        public override IDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage__Provider"] = nameof(StorageProviderKind.Sqlite),
            ["Storage__Path"] = path,
        };

        public override IStorageProvider Provider(TimeProvider time, TimeSpan? busyTimeout = null) =>
            new SqliteProvider(path, busyTimeout ?? TimeSpan.FromSeconds(5), time, new Random(14), NullLogger.Instance);

        public override DbConnection Connect()
        {
            var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            return connection;
        }

        public override string ToString() => "SQLite " + path;
    }

    private sealed class PostgresTarget(string connectionString, string? server) : StorageTarget
    {
        public override StorageProviderKind Kind => StorageProviderKind.Postgres;

        public string ConnectionString => connectionString;

        public override IDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage__Provider"] = nameof(StorageProviderKind.Postgres),
            ["Storage__ConnectionString"] = connectionString,
        };

        public override IStorageProvider Provider(TimeProvider time, TimeSpan? busyTimeout = null) => Own(new PostgresProvider(connectionString));

        public override DbConnection Connect()
        {
            var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            return connection;
        }

        public override string ToString() => "PostgreSQL " + new NpgsqlConnectionStringBuilder(connectionString).Database;

        /// <summary>Drops the test's database (only its own: the name came from <see cref="TestPostgres.NewDatabase"/>).</summary>
        protected override void Release()
        {
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            try
            {
                using var connection = new NpgsqlConnection(server ?? TestPostgres.ServerConnectionString);
                connection.Open();
                using var drop = connection.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
                drop.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // The server went away first (the run is ending): its data folder goes with it.
            }
        }
    }
}
