using System.Globalization;
using Npgsql;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// The one PostgreSQL database the replicas share, seen from the side as an operator with psql would. Each replica
/// connects under an application name of its own (<c>replica-0</c>...), for pg_stat_activity when a test fails.
/// </summary>
internal sealed class ReplicaDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>The storage settings of replica <paramref name="replica"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings(int replica) => new Dictionary<string, string>
    {
        ["Storage__Provider"] = "Postgres",
        ["Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            ApplicationName = ApplicationName(replica),
            Pooling = true,

            // Three replicas beside every other test on one server: a few connections each are plenty.
            MaxPoolSize = 10,
        }.ConnectionString,
    };

    public long Count(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private const string Prefix = "replica-";

    private static string ApplicationName(int replica) => Prefix + replica.ToString(CultureInfo.InvariantCulture);
}
