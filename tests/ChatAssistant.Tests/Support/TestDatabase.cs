using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Support;

/// <summary>A write session on a test's database, as the worker opens it (the schema brought up to date).</summary>
internal static class TestDatabase
{
    /// <summary>On the SQLite file at <paramref name="path"/>.</summary>
    public static WriteSession Open(string path, TimeProvider time, TimeSpan? busyTimeout = null) =>
        new(new SqliteProvider(path, busyTimeout ?? TimeSpan.FromSeconds(5), time, new Random(14), NullLogger.Instance), time);

    /// <summary>On the PostgreSQL database at <paramref name="connectionString"/> (e.g. <see cref="TestPostgres.NewDatabase"/>).</summary>
    public static WriteSession OpenPostgres(string connectionString, TimeProvider time) => new(new PostgresProvider(connectionString), time);
}
