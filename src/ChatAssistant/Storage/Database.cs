using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Storage;

/// <summary>
/// Opens connections to the SQLite file with the settings every part of the assistant relies on (WAL, so
/// readers never block the writer; <c>synchronous=NORMAL</c>, durable at every checkpoint and fast enough to
/// commit per message; <c>secure_delete</c>, so deleted personal data is overwritten with zeros rather than
/// left in free space: UU PDP deletion must really delete) and brings the schema up to date.
/// </summary>
internal static class Database
{
    /// <summary>SQLITE_NOTADB: a file with a valid-looking header whose content is not a database.</summary>
    private const int NotADatabase = 26;

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    /// <summary>The first bytes of every SQLite database file.</summary>
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>
    /// Throws <see cref="DatabaseFileException"/> when the path is a folder or a file that is not an SQLite database,
    /// or (<paramref name="mustExist"/>) when nothing is there. An empty file passes: SQLite makes it a new database.
    /// </summary>
    public static void Check(string path, bool mustExist)
    {
        if (Directory.Exists(path))
        {
            throw new DatabaseFileException(path, DatabaseFileProblem.Folder);
        }

        if (!File.Exists(path))
        {
            if (mustExist)
            {
                throw new DatabaseFileException(path, DatabaseFileProblem.Missing);
            }

            return;
        }

        var start = new byte[Header.Length];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (UnauthorizedAccessException)
        {
            return; // SQLite says so in its own words when it opens the file
        }

        if (read > 0 && (read < Header.Length || !start.AsSpan().SequenceEqual(Header)))
        {
            throw new DatabaseFileException(path, DatabaseFileProblem.NotADatabase);
        }
    }

    // SQLite keeps memory statistics by default, under a process-wide mutex taken by every allocation it makes (several per
    // statement); nothing here reads them. Turned off once, before the first connection opens (SQLite takes its
    // configuration only then; a process that opened one elsewhere first keeps the default). Measured on the message
    // path: the writer's work per message 15% faster (docs/benchmarks.md, "Issue 19, continued").
    private static readonly bool MemoryStatisticsOff = TurnOffMemoryStatistics();

    private static bool TurnOffMemoryStatistics()
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0) == SQLitePCL.raw.SQLITE_OK;
    }

    public static SqliteConnection Open(string path, TimeSpan busyTimeout)
    {
        _ = MemoryStatisticsOff;
        Check(path, mustExist: false);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(ConnectionString(path));
        try
        {
            connection.Open();
            Execute(connection, $"""
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA foreign_keys = ON;
                PRAGMA temp_store = MEMORY;
                PRAGMA secure_delete = ON;
                PRAGMA busy_timeout = {((int)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)};
                """);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == NotADatabase)
        {
            connection.Dispose();
            throw new DatabaseFileException(path, DatabaseFileProblem.NotADatabase, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>Applies every SQLite migration the file has not seen, each in its own transaction, and records it.</summary>
    public static IReadOnlyList<Migration> Migrate(SqliteConnection connection, TimeProvider time) =>
        MigrationRunner.Apply(connection, new Sqlite.SqliteProvider(connection.DataSource, TimeSpan.Zero, time, new Random(0), NullLogger.Instance), time);

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
