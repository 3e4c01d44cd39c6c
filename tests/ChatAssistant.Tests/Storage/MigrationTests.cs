using ChatAssistant.Storage;
using ChatAssistant.Storage.Sqlite;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Storage;

public sealed class MigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void An_empty_database_gets_every_migration_recorded_once()
    {
        using (var connection = Database.Open(_folder.DatabasePath, TimeSpan.FromSeconds(1)))
        {
            var applied = Database.Migrate(connection, new FakeTimeProvider());
            Assert.Equal(SqliteMigrations.All.Select(m => m.Version), applied.Select(m => m.Version));
        }

        Assert.Equal(SqliteMigrations.All.Count, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM schema_migrations"));
        foreach (var table in new[] { "users", "profile_values", "conversations", "answers", "inbox", "outbox", "channel_state" })
        {
            Assert.Equal(1, Sql.Count(_folder.DatabasePath, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        }
    }

    [Fact]
    public void An_existing_database_keeps_its_data_and_is_not_migrated_twice()
    {
        using (var connection = Database.Open(_folder.DatabasePath, TimeSpan.FromSeconds(1)))
        {
            Database.Migrate(connection, new FakeTimeProvider());
        }

        Sql.Execute(_folder.DatabasePath, "INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('test', 'owner-1', 'id', 0, 0)");

        using (var connection = Database.Open(_folder.DatabasePath, TimeSpan.FromSeconds(1)))
        {
            Assert.Empty(Database.Migrate(connection, new FakeTimeProvider()));
        }

        Assert.Equal(SqliteMigrations.All.Count, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM users WHERE chat_id = 'owner-1'"));
    }

    [Fact]
    public void The_database_runs_in_wal_mode_and_its_folder_is_created()
    {
        var nested = Path.Combine(_folder.Path, "data", "nested", "chat.db");
        using var connection = Database.Open(nested, TimeSpan.FromSeconds(1));
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        Assert.True(File.Exists(nested));
    }

    [Fact]
    public void Migration_versions_are_unique_and_ascending()
    {
        var versions = SqliteMigrations.All.Select(m => m.Version).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    public void Dispose() => _folder.Dispose();
}
