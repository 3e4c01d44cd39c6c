using System.Data.Common;
using System.Globalization;
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

    /// <summary>
    /// postgres-schema.txt is what PostgreSQL's catalog says of a database the write session migrated: every column
    /// with its type, nullability and default, every constraint and every index as the server reads them back. A
    /// new migration updates the file with what it adds (on a difference the test leaves the text it read in
    /// postgres-schema.actual beside the test assembly).
    /// </summary>
    [Fact]
    public void The_write_session_makes_the_recorded_postgres_schema()
    {
        using var target = StorageTarget.Postgres();
        target.Open(new FakeTimeProvider()).Dispose();

        using var connection = target.Connect();
        var actual = PostgresDump(connection);
        var file = Path.Combine(AssistantProcess.RepositoryRoot(), "tests", "ChatAssistant.Tests", "Storage", "postgres-schema.txt");
        var expected = File.Exists(file) ? File.ReadAllText(file) : "";
        if (expected != actual)
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "postgres-schema.actual"), actual);
        }

        Assert.Equal(expected, actual);
        Assert.Equal(SqliteMigrations.All.Count, target.Count("SELECT COUNT(*) FROM schema_migrations"));
    }

    /// <summary>
    /// The two engines hold one schema: the same tables, columns in the same order with corresponding types
    /// (INTEGER/bigint, TEXT/text, BLOB/bytea), nullability and defaults, primary keys, unique constraints, indexes
    /// by name with their columns, uniqueness and partiality, and foreign keys with their ON DELETE.
    /// </summary>
    [Fact]
    public void Both_engines_have_the_same_tables_columns_keys_and_indexes()
    {
        using var sqlite = StorageTarget.Sqlite(_folder.DatabasePath);
        using var postgres = StorageTarget.Postgres();
        sqlite.Open(new FakeTimeProvider()).Dispose();
        postgres.Open(new FakeTimeProvider()).Dispose();

        using var sqliteConnection = sqlite.Connect();
        using var postgresConnection = postgres.Connect();
        var sqliteShape = SqliteShape(sqliteConnection);
        Assert.Contains("index outbox_pending (priority, id) partial", sqliteShape, StringComparison.Ordinal); // the shape reads what it should
        Assert.Equal(sqliteShape, PostgresShape(postgresConnection));
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

    private static string PostgresDump(DbConnection connection)
    {
        var lines = new List<string>();
        string? table = null;
        foreach (var row in Rows(connection, """
            SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, ''), is_identity, coalesce(identity_generation, '')
            FROM information_schema.columns WHERE table_schema = current_schema()
            ORDER BY table_name, ordinal_position
            """))
        {
            if (table != row[0])
            {
                table = row[0];
                lines.Add("");
                lines.Add("table " + table);
            }

            lines.Add($"  {row[1]} {row[2]}{(row[3] == "NO" ? " not null" : "")}{(row[4].Length > 0 ? " default " + row[4] : "")}{(row[5] == "YES" ? " generated " + row[6].ToLowerInvariant() + " as identity" : "")}");
        }

        lines.Add("");
        foreach (var row in Rows(connection, """
            SELECT cl.relname, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
            WHERE n.nspname = current_schema()
            ORDER BY cl.relname, c.conname
            """))
        {
            lines.Add($"constraint {row[0]} {row[1]}: {row[2]}");
        }

        lines.Add("");
        foreach (var row in Rows(connection, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname"))
        {
            lines.Add($"index {row[0]}: {row[1].Replace(" " + "public.", " ", StringComparison.Ordinal)}");
        }

        return string.Join('\n', lines).TrimStart('\n') + "\n";
    }

    /// <summary>The schema in terms both engines share, one line per fact, tables by name.</summary>
    private static string SqliteShape(DbConnection connection)
    {
        var text = new List<string>();
        foreach (var table in Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name").Select(r => r[0]))
        {
            text.Add("table " + table);
            var pk = new SortedDictionary<int, string>();
            foreach (var c in Rows(connection, $"SELECT name, type, \"notnull\", coalesce(dflt_value, ''), pk FROM pragma_table_info('{table}') ORDER BY cid"))
            {
                var type = c[1] switch { "INTEGER" => "bigint", "TEXT" => "text", "BLOB" => "bytea", _ => "?" + c[1] };
                var primary = int.Parse(c[4], CultureInfo.InvariantCulture);
                text.Add($"  column {c[0]} {type}{(c[2] == "1" || primary > 0 ? " not null" : "")}{(c[3].Length > 0 ? " default " + c[3] : "")}");
                if (primary > 0)
                {
                    pk[primary] = c[0];
                }
            }

            var facts = new List<string> { $"  primary key ({string.Join(", ", pk.Values)})" };
            foreach (var index in Rows(connection, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"))
            {
                var columns = string.Join(", ", Rows(connection, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno").Select(r => r[0]));
                if (index[2] == "u")
                {
                    facts.Add($"  unique ({columns})");
                }
                else if (index[2] == "c")
                {
                    facts.Add($"  {(index[1] == "1" ? "unique index" : "index")} {index[0]} ({columns}){(index[3] == "1" ? " partial" : "")}");
                }
            }

            foreach (var key in Rows(connection, $"SELECT id, \"table\", group_concat(\"from\", ', '), group_concat(\"to\", ', '), on_delete FROM (SELECT * FROM pragma_foreign_key_list('{table}') ORDER BY id, seq) GROUP BY id"))
            {
                facts.Add($"  foreign key ({key[2]}) references {key[1]} ({key[3]}) on delete {key[4].ToLowerInvariant()}");
            }

            text.AddRange(facts.Order(StringComparer.Ordinal));
        }

        return string.Join('\n', text) + "\n";
    }

    private static string PostgresShape(DbConnection connection)
    {
        var text = new List<string>();
        foreach (var table in Rows(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name").Select(r => r[0]))
        {
            text.Add("table " + table);
            foreach (var c in Rows(connection, $"SELECT column_name, data_type, is_nullable, coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position"))
            {
                text.Add($"  column {c[0]} {c[1]}{(c[2] == "NO" ? " not null" : "")}{(c[3].Length > 0 ? " default " + c[3] : "")}");
            }

            var facts = new List<string>();
            foreach (var key in Rows(connection, $"""
                SELECT c.contype, coalesce(p.relname, ''),
                       (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                       coalesce((SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum), ''),
                       c.confdeltype
                FROM pg_constraint c LEFT JOIN pg_class p ON p.oid = c.confrelid
                WHERE c.conrelid = '{table}'::regclass
                """))
            {
                facts.Add(key[0] switch
                {
                    "p" => $"  primary key ({key[2]})",
                    "u" => $"  unique ({key[2]})",
                    "f" => $"  foreign key ({key[2]}) references {key[1]} ({key[3]}) on delete {(key[4] == "c" ? "cascade" : key[4] == "a" ? "no action" : "?" + key[4])}",
                    _ => $"  constraint {key[0]} ({key[2]})",
                });
            }

            foreach (var index in Rows(connection, $"""
                SELECT i.relname, ix.indisunique, ix.indpred IS NOT NULL,
                       (SELECT string_agg(pg_get_indexdef(ix.indexrelid, k, true), ', ' ORDER BY k) FROM generate_series(1, ix.indnatts) k)
                FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid
                WHERE ix.indrelid = '{table}'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)
                """))
            {
                facts.Add($"  {(index[1] == "True" ? "unique index" : "index")} {index[0]} ({index[3]}){(index[2] == "True" ? " partial" : "")}");
            }

            text.AddRange(facts.Order(StringComparer.Ordinal));
        }

        return string.Join('\n', text) + "\n";
    }

    private static List<string[]> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }

    public void Dispose() => _folder.Dispose();
}
