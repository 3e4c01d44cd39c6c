using System.Data.Common;
using System.Globalization;
using System.Text;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ChatAssistant.Migrate;

/// <summary>One table's rows in the SQLite file and, after the copy, in PostgreSQL.</summary>
internal sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <summary>What an export copied: every table in the order it was copied, and whether every count matched.</summary>
/// <param name="Removed">Rows the target held before, removed first (only with force).</param>
internal sealed record ExportResult(IReadOnlyList<TableCount> Tables, bool Committed, long Removed);

/// <summary>The export would lose or mix data: refused before anything was written, for the reason given.</summary>
internal sealed class ExportRefusedException(string message) : Exception(message);

/// <summary>
/// Moves an SQLite deployment onto PostgreSQL: brings the target's schema up to date, then copies every table in
/// the order of its foreign keys (parents first) with binary COPY, sets each identity column's sequence past the
/// largest id copied (new rows must not collide with old ids), and compares every table's row count with the
/// source before committing, all in one transaction: a failed export leaves the target as it was.
/// The source must be at this build's schema version (the columns are read by name) and no worker may hold it
/// (its file lock is taken); the target must be empty unless <c>force</c> empties it first.
/// </summary>
internal sealed class SqliteToPostgresExport(TimeProvider time, ILogger logger)
{
    public ExportResult Run(string sqlitePath, string connectionString, bool force)
    {
        Database.Check(sqlitePath, mustExist: true);
        using var held = DatabaseLock.Acquire(sqlitePath, string.Create(CultureInfo.InvariantCulture,
            $"export-sqlite-to-postgres (process {Environment.ProcessId}, since {time.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC)"));
        using var source = Database.Open(sqlitePath, TimeSpan.FromSeconds(5));
        CheckSourceVersion(source, sqlitePath);

        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (!target.ContainsKey("Command Timeout"))
        {
            target.CommandTimeout = 0; // an operator watches the copy of a large database; no statement deadline
        }

        using var provider = new PostgresProvider(target.ConnectionString);
        using var connection = (NpgsqlConnection)provider.Open();

        // Held for the whole export (session advisory locks nest): a worker starting on the target meanwhile waits at
        // its migrations until the copy is committed instead of writing into a half-copied database.
        using var exporting = PostgresMigrationLock.Take(connection);
        MigrationRunner.Apply(connection, provider, time);

        var tables = Tables(connection);
        using var write = connection.BeginTransaction();
        var removed = EmptyOrRefuse(connection, tables, force, target.Database ?? "");

        using var read = source.BeginTransaction(deferred: true); // one snapshot of the file for copies and counts
        var counts = new List<TableCount>();
        foreach (var table in tables)
        {
            var copied = Copy(source, read, connection, table);
            Log.TableCopied(logger, table.Name, copied);
            ResetIdentities(connection, table);
            counts.Add(new TableCount(table.Name, Count(source, read, table.Name), Count(connection, table.Name)));
        }

        foreach (var count in counts.Where(c => !c.Matches))
        {
            Log.CountMismatch(logger, count.Table, count.Source, count.Target);
        }

        if (counts.Any(c => !c.Matches))
        {
            write.Rollback();
            return new ExportResult(counts, Committed: false, removed);
        }

        write.Commit();
        Log.ExportFinished(logger, counts.Count, counts.Sum(c => c.Target), sqlitePath);
        return new ExportResult(counts, Committed: true, removed);
    }

    /// <summary>A table of the target: its columns in order, with their PostgreSQL types, and its parents by foreign key.</summary>
    internal sealed record Table(string Name, IReadOnlyList<Column> Columns, IReadOnlySet<string> Parents);

    internal sealed record Column(string Name, string Type, bool Identity);

    private void CheckSourceVersion(SqliteConnection source, string path)
    {
        var expected = SqliteMigrations.All.Select(m => m.Version).ToList();
        var versions = new List<int>();
        try
        {
            using var command = source.CreateCommand();
            command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                versions.Add(reader.GetInt32(0));
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            // SQLITE_ERROR "no such table": a database no ChatAssistant build has migrated (version 0).
        }

        if (versions.SequenceEqual(expected))
        {
            return;
        }

        var latest = expected[^1];
        var newer = versions.Where(v => v > latest).ToList();
        var missing = expected.Except(versions).ToList();
        var reason = newer.Count > 0
            ? $"the SQLite database {path} is at schema version {newer[^1]}, newer than this build's {latest}: export it with the build that last ran on it (or a later one)."
            : $"the SQLite database {path} lacks migration(s) {string.Join(", ", missing)} of this build's schema (version {latest}): bring it up to date first with " +
              $"`chatassistant migrate --db {path}` (or by starting the worker on it once), then export again.";
        Log.ExportRefused(logger, reason);
        throw new ExportRefusedException(reason);
    }

    /// <summary>The target's tables (all but schema_migrations), parents before children, by name where free to choose.</summary>
    internal static IReadOnlyList<Table> Tables(NpgsqlConnection connection)
    {
        var columns = new Dictionary<string, List<Column>>(StringComparer.Ordinal);
        foreach (var row in Rows(connection, """
            SELECT table_name, column_name, data_type, is_identity
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
            ORDER BY table_name, ordinal_position
            """))
        {
            var table = (string)row[0];
            if (!columns.TryGetValue(table, out var list))
            {
                columns[table] = list = [];
            }

            list.Add(new Column((string)row[1], (string)row[2], (string)row[3] == "YES"));
        }

        var parents = columns.Keys.ToDictionary(t => t, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var row in Rows(connection, """
            SELECT child.relname, parent.relname
            FROM pg_constraint k
            JOIN pg_class child ON child.oid = k.conrelid
            JOIN pg_class parent ON parent.oid = k.confrelid
            JOIN pg_namespace n ON n.oid = child.relnamespace
            WHERE k.contype = 'f' AND n.nspname = current_schema()
            """))
        {
            if ((string)row[0] != (string)row[1] && parents.TryGetValue((string)row[0], out var of))
            {
                of.Add((string)row[1]);
            }
        }

        // Kahn's order: a table once every parent is placed; the smallest name first among those ready.
        var ordered = new List<Table>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < columns.Count)
        {
            var next = columns.Keys.Where(t => !placed.Contains(t) && parents[t].All(placed.Contains)).Order(StringComparer.Ordinal).FirstOrDefault()
                ?? throw new InvalidOperationException("The target's foreign keys form a cycle; the export cannot order its tables.");
            placed.Add(next);
            ordered.Add(new Table(next, columns[next], parents[next]));
        }

        return ordered;
    }

    private long EmptyOrRefuse(NpgsqlConnection connection, IReadOnlyList<Table> tables, bool force, string database)
    {
        var filled = new List<(string Table, long Rows)>();
        foreach (var table in tables)
        {
            var rows = Count(connection, table.Name);
            if (rows > 0)
            {
                filled.Add((table.Name, rows));
            }
        }

        if (filled.Count == 0)
        {
            return 0;
        }

        if (!force)
        {
            var owners = filled.Where(f => f.Table == "users").Select(f => f.Rows).FirstOrDefault();
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"the PostgreSQL database {database} already holds data ({owners} owner(s); {string.Join(", ", filled.Select(f => $"{f.Table} {f.Rows}"))}): ") +
                "export only into an empty database, or add --force to empty it first (its data is lost).";
            Log.ExportRefused(logger, reason);
            throw new ExportRefusedException(reason);
        }

        using var truncate = connection.CreateCommand();
        truncate.CommandText = "TRUNCATE " + string.Join(", ", tables.Select(t => Quote(t.Name))) + " RESTART IDENTITY";
        truncate.ExecuteNonQuery();
        Log.TargetEmptied(logger, filled.Count, filled.Sum(f => f.Rows));
        return filled.Sum(f => f.Rows);
    }

    private static ulong Copy(SqliteConnection source, SqliteTransaction read, NpgsqlConnection target, Table table)
    {
        var names = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        using var select = source.CreateCommand();
        select.Transaction = read;
        select.CommandText = $"SELECT {names} FROM {Quote(table.Name)}";
        using var reader = select.ExecuteReader();
        using var importer = target.BeginBinaryImport($"COPY {Quote(table.Name)} ({names}) FROM STDIN (FORMAT BINARY)");
        while (reader.Read())
        {
            importer.StartRow();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (reader.IsDBNull(i))
                {
                    importer.WriteNull();
                    continue;
                }

                // SQLite keeps what was bound whatever the column's declared type; convert to the target's type.
                var value = reader.GetValue(i);
                switch (table.Columns[i].Type)
                {
                    case "bigint":
                        importer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                        break;
                    case "text":
                        importer.Write(value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text);
                        break;
                    case "bytea":
                        importer.Write(value as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture)!), NpgsqlDbType.Bytea);
                        break;
                    default:
                        throw new InvalidOperationException(
                            $"{table.Name}.{table.Columns[i].Name} is of type {table.Columns[i].Type} in PostgreSQL, which the export does not copy yet.");
                }
            }
        }

        return importer.Complete();
    }

    /// <summary>Sets each identity column's next value past the largest id copied (1 for an empty table).</summary>
    private static void ResetIdentities(NpgsqlConnection connection, Table table)
    {
        foreach (var column in table.Columns.Where(c => c.Identity))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT MAX({Quote(column.Name)}) FROM {Quote(table.Name)}), 0) + 1, false)";
            command.Parameters.AddWithValue("table", Quote(table.Name));
            command.Parameters.AddWithValue("column", column.Name);
            command.ExecuteScalar();
        }
    }

    private static long Count(SqliteConnection source, SqliteTransaction read, string table)
    {
        using var command = source.CreateCommand();
        command.Transaction = read;
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(table)}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long Count(NpgsqlConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(table)}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<object[]> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
