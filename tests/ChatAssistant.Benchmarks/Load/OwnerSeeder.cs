using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatAssistant.Benchmarks.Support;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// Fills a freshly migrated database with owners before a run, in one transaction and entirely inside SQLite (a
/// recursive counter feeding INSERT ... SELECT). Each owner looks like one who stopped half-way through the benchmark
/// dialog: a user row, two profile values, an open conversation waiting at <see cref="BenchDialog.SeededStep"/>, and
/// one answer. The business name is the one the script types, so at "still right?" typing it again confirms it, as
/// an owner re-typing their own name would.
/// <para>
/// Ten million owners (3.7 GB) must take minutes, not an afternoon, so the load is done the way a bulk import would
/// be: no journal and no fsync while loading (a failed seed is thrown away, never resumed), foreign keys unchecked
/// (every child row is selected from its parent), and the secondary indexes dropped first and built once at the end
/// from their own stored SQL, a sort instead of ten million b-tree descents. What is left afterwards is what the
/// product's migrations make — the same schema text, WAL mode — which <see cref="CheckSameSchema"/> proves.
/// </para>
/// </summary>
internal static class OwnerSeeder
{
    /// <summary>The tables seeded; their secondary indexes are rebuilt after the load.</summary>
    private static readonly string[] SeededTables = ["users", "profile_values", "conversations", "answers"];

    /// <summary>
    /// In order; <c>$owners</c>, <c>$now</c> and <c>$channel</c> bound. Part of <see cref="FormatKey"/>: changing one
    /// makes seeded databases kept by <c>--seeded-cache</c> stale, and they are made again.
    /// </summary>
    private static readonly string[] Statements =
    [
        """
        WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < $owners - 1)
        INSERT INTO users (channel, chat_id, language, created_at, last_seen_at)
        SELECT $channel, CAST(100000000 + i AS TEXT), 'id', $now, $now FROM seq
        """,
        // Both of an owner's values together, owner after owner (the order of the primary key, so every row is
        // appended), as owners who register one by one leave them; NOT INDEXED: the table in row id order, no sort.
        """
        INSERT INTO profile_values (user_id, key, value, updated_at)
        SELECT u.id, v.key, v.value, $now
        FROM users AS u NOT INDEXED CROSS JOIN (SELECT 'business_name' AS key, 't:Toko Sari Rasa' AS value UNION ALL SELECT 'province', 't:Jawa Barat') AS v
        WHERE u.channel = $channel ORDER BY u.id
        """,
        $"""
        INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at)
        SELECT id, 'bench', 1, '{BenchDialog.SeededStep}', 0, NULL, 'name sales', $now, $now FROM users NOT INDEXED WHERE channel = $channel ORDER BY id
        """,
        """
        INSERT INTO answers (conversation_id, key, value, updated_at)
        SELECT id, 'sales', 'm:150000000', $now FROM conversations WHERE dialog_id = 'bench'
        """,
    ];

    public static string ChatId(int index) => (100_000_000 + index).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Names what a seeded database holds apart from the number of owners: the product's migrations and the seeding
    /// statements, hashed, so that a kept database is never reused across a schema change.
    /// </summary>
    public static string FormatKey()
    {
        var text = new StringBuilder();
        foreach (var migration in SqliteMigrations.All)
        {
            text.Append(migration.Version).Append('\n').Append(migration.Sql).Append('\n');
        }

        foreach (var statement in Statements)
        {
            text.Append(statement).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return string.Create(CultureInfo.InvariantCulture, $"v{SqliteMigrations.All[^1].Version}-{Convert.ToHexStringLower(hash)[..12]}");
    }

    /// <summary>Stores the owners in <paramref name="connection"/>'s database, opened by <see cref="Database.Open"/> and migrated, and puts it back in WAL mode.</summary>
    public static void Seed(SqliteConnection connection, int owners, long now)
    {
        // Per connection (journal_mode OFF is not kept in the file). temp_store FILE: the index sorts of ten
        // million rows spill to disk instead of into this process's memory.
        Database.Execute(connection, """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA foreign_keys = OFF;
            PRAGMA temp_store = FILE;
            PRAGMA cache_size = -262144;
            """);
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var indexes = SecondaryIndexes(connection, transaction);
            foreach (var (name, _) in indexes)
            {
                Execute(connection, transaction, $"DROP INDEX \"{name}\"", owners, now);
            }

            foreach (var statement in Statements)
            {
                Execute(connection, transaction, statement, owners, now);
            }

            foreach (var (_, sql) in indexes)
            {
                Execute(connection, transaction, sql, owners, now);
            }

            transaction.Commit();
        }
        finally
        {
            // As Database.Open leaves a connection; WAL is written into the file's header and stays.
            Database.Execute(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA foreign_keys = ON;
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -2000;
                """);
        }
    }

    /// <summary>
    /// Null when <paramref name="seeded"/> has exactly the schema the product's migrations make on an empty database
    /// (tables, indexes and their SQL, in WAL mode), else what differs.
    /// </summary>
    public static string? CheckSameSchema(SqliteConnection seeded)
    {
        using var fresh = new SqliteConnection("Data Source=:memory:");
        fresh.Open();
        Database.Migrate(fresh, TimeProvider.System);
        var expected = Schema(fresh);
        var actual = Schema(seeded);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        var journal = Scalar(seeded, "PRAGMA journal_mode") as string;
        if (missing.Count == 0 && extra.Count == 0 && journal == "wal")
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"journal_mode {journal}; missing: {string.Join(" | ", missing)}; not from the migrations: {string.Join(" | ", extra)}");
    }

    /// <summary>Null when SQLite finds nothing wrong with the file and every child row has its parent; reads every page, so for small databases.</summary>
    public static string? CheckIntegrity(SqliteConnection seeded)
    {
        var integrity = Scalar(seeded, "PRAGMA integrity_check") as string;
        if (integrity != "ok")
        {
            return "integrity_check: " + integrity;
        }

        return Scalar(seeded, "PRAGMA foreign_key_check") is { } orphan ? "foreign_key_check: a row without its parent in " + orphan : null;
    }

    private static List<(string Name, string Sql)> SecondaryIndexes(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // sql IS NULL: the indexes behind UNIQUE and PRIMARY KEY constraints, which cannot be dropped.
        command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", SeededTables.Select(t => $"'{t}'"))}) ORDER BY name";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private static HashSet<string> Schema(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ' on ' || tbl_name || ': ' || coalesce(sql, '(constraint)') FROM sqlite_master";
        using var reader = command.ExecuteReader();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, int owners, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (sql.Contains("$owners", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$owners", owners);
        }

        if (sql.Contains("$now", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$now", now);
        }

        if (sql.Contains("$channel", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$channel", SimulatedOwners.Channel);
        }

        command.ExecuteNonQuery();
    }
}
