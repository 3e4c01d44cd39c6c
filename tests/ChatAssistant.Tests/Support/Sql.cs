using Microsoft.Data.Sqlite;

namespace ChatAssistant.Tests.Support;

/// <summary>
/// Looks into the database from the side, as an operator with the sqlite3 shell (or psql) would: a SQLite file by its
/// path, or any <see cref="StorageTarget"/>.
/// </summary>
internal static class Sql
{
    public static long Count(StorageTarget target, string sql) => target.Count(sql);

    public static string? Text(StorageTarget target, string sql) => target.Text(sql);

    public static void Execute(StorageTarget target, string sql) => target.Execute(sql);

    public static long Count(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string? Text(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public static void Execute(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
