using System.ComponentModel.DataAnnotations;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Tests.Support;
using Npgsql;

namespace ChatAssistant.Tests.Storage;

public sealed class PostgresProviderTests
{
    [Fact]
    public void Opens_connections_to_the_configured_database_with_its_own_defaults()
    {
        var connectionString = TestPostgres.NewDatabase();
        using var provider = new PostgresProvider(connectionString);
        using var connection = provider.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_database()";

        Assert.Equal(new NpgsqlConnectionStringBuilder(connectionString).Database, command.ExecuteScalar());
        Assert.Equal(StorageProviderKind.Postgres, provider.Kind);
        Assert.True(provider.SharedByReplicas);
        Assert.Contains("Max Auto Prepare=256", provider.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_write_transaction_rolls_back_whole()
    {
        using var provider = new PostgresProvider(TestPostgres.NewDatabase());
        using var connection = provider.Open();
        Execute(connection, null, "CREATE TABLE t (id BIGINT PRIMARY KEY)");
        using (var transaction = provider.BeginWrite(connection))
        {
            Execute(connection, transaction, "INSERT INTO t VALUES (1)");
            transaction.Rollback();
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t";
        Assert.Equal(0L, count.ExecuteScalar());
    }

    [Fact]
    public void Deadlocks_and_lost_connections_pass_by_themselves_but_bad_sql_does_not()
    {
        using var provider = new PostgresProvider(TestPostgres.NewDatabase());
        using var connection = provider.Open();
        var badSql = Assert.ThrowsAny<PostgresException>(() => Execute(connection, null, "SELEC 1"));
        Assert.False(provider.IsTransient(badSql));

        using var victim = provider.Open();
        using (var pid = victim.CreateCommand())
        {
            pid.CommandText = "SELECT pg_backend_pid()";
            var backend = (int)pid.ExecuteScalar()!;
            Execute(connection, null, $"SELECT pg_terminate_backend({backend})");
        }

        var lost = Assert.ThrowsAny<Exception>(() => Execute(victim, null, "SELECT 1"));
        Assert.True(provider.IsTransient(lost), lost.ToString());
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_at_start_saying_what_to_set()
    {
        var options = new StorageOptions { Provider = StorageProviderKind.Postgres };
        var results = options.Validate(new ValidationContext(options)).ToList();

        var result = Assert.Single(results);
        Assert.Contains("Storage:ConnectionString", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(new StorageOptions().Validate(new ValidationContext(new StorageOptions())));
    }

    [Fact]
    public async Task A_transaction_lock_makes_another_session_wait_until_the_holder_commits()
    {
        var connectionString = TestPostgres.NewDatabase();
        var time = TimeProvider.System;
        using var first = TestDatabase.OpenPostgres(connectionString, time);
        using var second = TestDatabase.OpenPostgres(connectionString, time);
        var key = LockKey.Of("owner", "telegram:42");

        first.Begin();
        first.LockForTransaction(key);
        var waiting = Task.Run(() =>
        {
            second.Begin();
            second.LockForTransaction(key);
            second.Commit();
        });

        // Still waiting while the first holds it (a bound, not a timing: it cannot finish before the commit below).
        Assert.NotSame(waiting, await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(300))));
        first.Commit();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(LockKey.Of("owner", "telegram:43"), key);
        Assert.Equal(LockKey.Of("owner", "telegram:42"), key);
    }

    private static void Execute(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
