using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Storage.Sqlite;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChatAssistant.Tests.Storage;

/// <summary>The migration runner on each engine (the matrix legs below), and what both engines' lists share.</summary>
public abstract class MigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private protected MigrationTests(StorageProviderKind kind) => Target = StorageTarget.Create(kind, _folder);

    private protected StorageTarget Target { get; }

    private protected TempFolder Folder => _folder;

    private protected IReadOnlyList<Migration> Migrate()
    {
        var provider = Target.Provider(new FakeTimeProvider());
        using var connection = provider.Open();
        return MigrationRunner.Apply(connection, provider, new FakeTimeProvider());
    }

    [Fact]
    public void An_empty_database_gets_every_migration_recorded_once()
    {
        var applied = Migrate();

        Assert.Equal(SqliteMigrations.All.Select(m => m.Version), applied.Select(m => m.Version));
        Assert.Equal(SqliteMigrations.All.Count, Target.Count("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal("owners, conversations, answers, inbox and outbox", Target.Text("SELECT name FROM schema_migrations WHERE version = 1"));
        foreach (var table in new[] { "users", "profile_values", "conversations", "answers", "inbox", "outbox", "channel_state", "console_sessions" })
        {
            Assert.Equal(0, Target.Count($"SELECT COUNT(*) FROM {table}"));
        }
    }

    [Fact]
    public void An_existing_database_keeps_its_data_and_is_not_migrated_twice()
    {
        Migrate();
        Target.Execute("INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('test', 'owner-1', 'id', 0, 0)");

        Assert.Empty(Migrate());

        Assert.Equal(SqliteMigrations.All.Count, Target.Count("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(1, Target.Count("SELECT COUNT(*) FROM users WHERE chat_id = 'owner-1'"));
    }

    [Fact]
    public void A_database_part_way_gets_only_the_migrations_it_lacks()
    {
        var provider = Target.Provider(new FakeTimeProvider());
        using (var connection = provider.Open())
        {
            MigrationRunner.Apply(connection, new Partial(provider, 4), new FakeTimeProvider());
        }

        Target.Execute("INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('test', 'owner-1', 'id', 0, 0)");
        Assert.Equal(4, Target.Count("SELECT MAX(version) FROM schema_migrations"));

        var applied = Migrate();

        Assert.Equal(Enumerable.Range(5, SqliteMigrations.All.Count - 4), applied.Select(m => m.Version));
        Assert.Equal(1, Target.Count("SELECT COUNT(*) FROM users WHERE opted_out_at IS NULL")); // migration 5's column, on the old row
    }

    public void Dispose()
    {
        Target.Dispose();
        _folder.Dispose();
    }

    /// <summary>A provider whose list stops at <paramref name="upTo"/>: a database made by an older build.</summary>
    private sealed class Partial(IStorageProvider inner, int upTo) : IStorageProvider
    {
        public StorageProviderKind Kind => inner.Kind;

        public bool SharedByReplicas => inner.SharedByReplicas;

        public ISqlDialect Dialect => inner.Dialect;

        public IReadOnlyList<Migration> Migrations => [.. inner.Migrations.Where(m => m.Version <= upTo)];

        public string MigrationsTable => inner.MigrationsTable;

        public System.Data.Common.DbConnection Open() => inner.Open();

        public System.Data.Common.DbTransaction BeginWrite(System.Data.Common.DbConnection connection) => inner.BeginWrite(connection);

        public IDisposable LockMigrations(System.Data.Common.DbConnection connection) => inner.LockMigrations(connection);

        public void PrepareWriter(System.Data.Common.DbConnection connection) => inner.PrepareWriter(connection);

        public IDisposable StartHousekeeping() => inner.StartHousekeeping();

        public void ScrubAfterErase(System.Data.Common.DbConnection connection) => inner.ScrubAfterErase(connection);

        public bool IsTransient(Exception exception) => inner.IsTransient(exception);
    }
}

public sealed class MigrationTests_Sqlite() : MigrationTests(StorageProviderKind.Sqlite)
{
    [Fact]
    public void The_database_runs_in_wal_mode_and_its_folder_is_created()
    {
        var nested = Path.Combine(Folder.Path, "data", "nested", "chat.db");
        using var connection = Database.Open(nested, TimeSpan.FromSeconds(1));
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        Assert.True(File.Exists(nested));
    }
}

public sealed class MigrationTests_Postgres() : MigrationTests(StorageProviderKind.Postgres)
{
    /// <summary>
    /// Two replicas starting at once: both wait on the migration lock (held here until both are seen waiting, so
    /// they really overlap), then one applies every migration and the other finds them applied; neither fails.
    /// </summary>
    [Fact]
    public async Task Two_sessions_migrating_at_once_both_succeed_and_each_migration_is_applied_once()
    {
        var connectionString = Target.Settings["Storage__ConnectionString"];
        using var holder = new NpgsqlConnection(connectionString);
        holder.Open();
        Run(holder, $"SELECT pg_advisory_lock({PostgresMigrationLock.Key})");

        var first = Task.Run(Migrate);
        var second = Task.Run(Migrate);
        await WaitForAdvisoryWaitersAsync(holder, 2, TimeSpan.FromSeconds(60), first, second);
        Run(holder, $"SELECT pg_advisory_unlock({PostgresMigrationLock.Key})");

        var applied = (await first).Concat(await second).Select(m => m.Version).Order().ToList();
        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), applied);
        Assert.True((await first).Count == 0 || (await second).Count == 0);
        Assert.Equal(PostgresMigrations.All.Count, Target.Count("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(0, Target.Count(MigrationLocks));
    }

    [Fact]
    public void A_failed_migration_rolls_back_and_releases_the_lock()
    {
        Target.Execute("CREATE TABLE users (id BIGINT)"); // migration 1 then fails on "users already exists"

        Assert.ThrowsAny<NpgsqlException>(() => Migrate());

        Assert.Equal(0, Target.Count("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(0, Target.Count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'outbox'"));
        Assert.Equal(0, Target.Count(MigrationLocks));
    }

    /// <summary>
    /// The migration lock's entries in pg_locks for this database, held or waited for (a bigint key shows as its high
    /// and low halves); other tests' databases on the shared server have their own.
    /// </summary>
    internal static readonly string MigrationLocks = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        SELECT COUNT(*) FROM pg_locks
        WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = {PostgresMigrationLock.Key >> 32} AND objid = {PostgresMigrationLock.Key & 0xFFFFFFFF} AND objsubid = 1
        """);

    /// <summary>Until <paramref name="count"/> sessions wait for an advisory lock (or a migration ends without waiting, which fails the test).</summary>
    internal static async Task WaitForAdvisoryWaitersAsync(NpgsqlConnection connection, int count, TimeSpan bound, params Task[] workers)
    {
        using var give = new CancellationTokenSource(bound);
        while (Count(connection, MigrationLocks + " AND NOT granted") < count)
        {
            Assert.DoesNotContain(workers, w => w.IsCompleted);
            await Task.Delay(TimeSpan.FromMilliseconds(20), give.Token);
        }
    }

    private static void Run(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static long Count(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class MigrationListTests
{
    [Fact]
    public void Migration_versions_are_unique_and_ascending()
    {
        var versions = SqliteMigrations.All.Select(m => m.Version).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public void Both_engines_have_the_same_numbered_migrations_with_the_same_names()
    {
        Assert.Equal(SqliteMigrations.All.Select(m => (m.Version, m.Name)), PostgresMigrations.All.Select(m => (m.Version, m.Name)));
    }
}
