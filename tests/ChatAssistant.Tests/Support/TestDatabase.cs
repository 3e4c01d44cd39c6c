using ChatAssistant.Storage;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Support;

/// <summary>A write session on a test's SQLite file, as the worker opens it (the schema brought up to date).</summary>
internal static class TestDatabase
{
    public static WriteSession Open(string path, TimeProvider time, TimeSpan? busyTimeout = null) =>
        new(new SqliteProvider(path, busyTimeout ?? TimeSpan.FromSeconds(5), time, new Random(14), NullLogger.Instance), time);
}
