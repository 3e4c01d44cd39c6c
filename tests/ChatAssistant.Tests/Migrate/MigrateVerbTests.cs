using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Storage.Sqlite;
using ChatAssistant.Tests.Storage;
using ChatAssistant.Tests.Support;
using Npgsql;

namespace ChatAssistant.Tests.Migrate;

/// <summary><c>chatassistant migrate</c> as its own process, the way a deployment runs it once before the replicas.</summary>
public sealed class MigrateVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Migrate_on_postgres_applies_every_migration_then_finds_nothing_to_apply()
    {
        using var target = StorageTarget.Postgres();

        var (code, output, error) = await AssistantProcess.RunAsync("", target.Settings.AsReadOnly(), "migrate");

        Assert.True(code == 0, output + error);
        Assert.Contains($"Applied {PostgresMigrations.All.Count} migration(s); the Postgres schema is at version {PostgresMigrations.All[^1].Version}:", output, StringComparison.Ordinal);
        Assert.Contains("   12  operator console: sessions kept on the server", output, StringComparison.Ordinal);
        Assert.Equal(PostgresMigrations.All.Count, target.Count("SELECT COUNT(*) FROM schema_migrations"));

        (code, output, error) = await AssistantProcess.RunAsync("", target.Settings.AsReadOnly(), "migrate");

        Assert.True(code == 0, output + error);
        Assert.Equal($"Nothing to apply: the Postgres schema is at version {PostgresMigrations.All[^1].Version}.", output.Trim());
    }

    /// <summary>
    /// Two replicas' one-shot migrations started together: both wait on the lock (held here until both processes
    /// are seen waiting), then one applies every migration and the other finds them applied; both exit 0.
    /// </summary>
    [Fact]
    public async Task Two_migrate_processes_at_once_on_postgres_both_succeed_and_the_migrations_are_applied_once()
    {
        using var target = StorageTarget.Postgres();
        using var holder = (NpgsqlConnection)target.Connect();
        Execute(holder, $"SELECT pg_advisory_lock({PostgresMigrationLock.Key})");

        var first = AssistantProcess.RunAsync("", target.Settings.AsReadOnly(), "migrate");
        var second = AssistantProcess.RunAsync("", target.Settings.AsReadOnly(), "migrate");
        await MigrationTests_Postgres.WaitForAdvisoryWaitersAsync(holder, 2, TimeSpan.FromMinutes(2), first, second);
        Execute(holder, $"SELECT pg_advisory_unlock({PostgresMigrationLock.Key})");

        var results = await Task.WhenAll(first, second);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output + r.Error));
        Assert.Single(results, r => r.Output.Contains($"Applied {PostgresMigrations.All.Count} migration(s)", StringComparison.Ordinal));
        Assert.Single(results, r => r.Output.Contains("Nothing to apply", StringComparison.Ordinal));
        Assert.Equal(PostgresMigrations.All.Count, target.Count("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Migrate_on_sqlite_brings_the_file_up_to_date()
    {
        var path = Path.Combine(_folder.Path, "data", "chat.db");

        var (code, output, error) = await AssistantProcess.RunAsync("", "migrate", "--db", path);

        Assert.True(code == 0, output + error);
        Assert.Contains($"the Sqlite schema is at version {SqliteMigrations.All[^1].Version}:", output, StringComparison.Ordinal);
        Assert.Equal(SqliteMigrations.All.Count, Sql.Count(path, "SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Migrate_on_postgres_it_cannot_reach_says_so_in_one_line_and_exits_1()
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = $"Host=127.0.0.1;Port={AssistantProcess.FreePort()};Username=nobody;Database=none;Timeout=3",
        };

        var (code, output, error) = await AssistantProcess.RunAsync("", settings, "migrate");

        Assert.Equal(1, code);
        Assert.StartsWith("migrate: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
        Assert.Equal("", output);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _folder.Dispose();
}
