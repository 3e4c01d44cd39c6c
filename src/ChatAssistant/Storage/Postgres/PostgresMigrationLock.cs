using System.Data;
using System.Data.Common;

namespace ChatAssistant.Storage.Postgres;

/// <summary>
/// The session-level advisory lock every process takes before migrating a PostgreSQL database, so that of several
/// replicas starting at once one applies the migrations and the others wait, then find them applied. A session lock
/// (not a transaction one) because each migration commits in its own transaction; the server drops it when the
/// session ends, however it ends.
/// </summary>
internal sealed class PostgresMigrationLock : IDisposable
{
    /// <summary>"CHATMIGR" in ASCII: the one key of the schema, apart from the keys other locks derive from their names.</summary>
    public const long Key = 0x43_48_41_54_4D_49_47_52;

    private readonly DbConnection _connection;

    private PostgresMigrationLock(DbConnection connection) => _connection = connection;

    /// <summary>Waits for the lock (as long as another process migrates) and holds it until disposed.</summary>
    public static PostgresMigrationLock Take(DbConnection connection)
    {
        Run(connection, "SELECT pg_advisory_lock(@key)");
        return new PostgresMigrationLock(connection);
    }

    public void Dispose()
    {
        if (_connection.State != ConnectionState.Open)
        {
            return; // closed or broken: the server released the lock with the session
        }

        try
        {
            Run(_connection, "SELECT pg_advisory_unlock(@key)");
        }
        catch (DbException)
        {
            // The session is gone (the server released its locks with it) or broken (closing it releases them):
            // the migration's own error, if any, is the one to report.
        }
    }

    private static void Run(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var key = command.CreateParameter();
        key.ParameterName = "@key";
        key.Value = Key;
        command.Parameters.Add(key);
        command.ExecuteScalar();
    }
}
