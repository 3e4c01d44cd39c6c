using ChatAssistant.Storage;
using ChatAssistant.Storage.Sqlite;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Storage;

public sealed class SchemaTests : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>
    /// sqlite-schema.txt is sqlite_master of a database made by the migration runner before the storage seam
    /// (Database.Migrate on main at 6be3029, schema v8) with migration 9 (WhatsApp) applied after it: the same text
    /// means the seam changed no existing database. A new migration updates the file with what it adds.
    /// </summary>
    [Fact]
    public void The_write_session_makes_the_same_schema_as_the_runner_before_the_seam_plus_later_migrations()
    {
        new WriteSession(new SqliteProvider(_folder.DatabasePath, TimeSpan.FromSeconds(5), new FakeTimeProvider(), new Random(1), NullLogger.Instance), new FakeTimeProvider()).Dispose();

        var expected = File.ReadAllText(Path.Combine(AssistantProcess.RepositoryRoot(), "tests", "ChatAssistant.Tests", "Storage", "sqlite-schema.txt"));
        Assert.Equal(expected, Dump());
        Assert.Equal(SqliteMigrations.All.Count, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM schema_migrations"));
    }

    private string Dump()
    {
        using var connection = Database.Open(_folder.DatabasePath, TimeSpan.FromSeconds(5));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}\n{(reader.IsDBNull(3) ? "" : reader.GetString(3))}\n");
        }

        return string.Join('\n', lines) + "\n";
    }

    public void Dispose() => _folder.Dispose();
}
