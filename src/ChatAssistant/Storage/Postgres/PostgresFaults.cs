using Npgsql;

namespace ChatAssistant.Storage.Postgres;

/// <summary>Which PostgreSQL errors pass by themselves, so the work is tried again rather than failed.</summary>
internal static class PostgresFaults
{
    public static bool IsTransient(Exception exception)
    {
        for (var error = exception; error is not null; error = error.InnerException)
        {
            switch (error)
            {
                case PostgresException postgres when IsTransientState(postgres.SqlState):
                    return true;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true; // the connection broke or timed out: the server or the network, not the message
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    private static bool IsTransientState(string state) => state switch
    {
        "40001" => true, // serialization_failure: two transactions touched the same rows; the loser goes again
        "40P01" => true, // deadlock_detected: the server broke a cycle of locks by rolling back one transaction
        "55P03" => true, // lock_not_available
        "53300" => true, // too_many_connections
        "53100" => true, // disk_full
        "57P01" or "57P02" or "57P03" => true, // the server is shutting down, crashed, or still starting
        _ => state.StartsWith("08", StringComparison.Ordinal), // connection exceptions
    };
}
