using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.BadInput;

/// <summary>A deployment pointed at a PostgreSQL server that is not there, or that refuses it: one clear line, no stack trace.</summary>
public sealed class UnreachablePostgresTests
{
    [Fact]
    public async Task A_server_nobody_listens_on_is_named_in_one_line_by_the_worker_and_the_verbs()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = $"Host=127.0.0.1;Port={AssistantProcess.FreePort()};Username=chatassistant;Timeout=3",
            ["Dialogs__Path"] = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs"),
        };

        foreach (var arguments in new[] { new[] { "migrate" }, ["broadcast", "list"], ["chat"] })
        {
            var (exitCode, output, error) = await AssistantProcess.RunAsync(string.Empty, environment, arguments);
            var all = error + output;
            Assert.NotEqual(0, exitCode);
            Assert.Contains("PostgreSQL cannot be reached (check Storage:ConnectionString", all, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_said_in_postgresql_s_words()
    {
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = "no_such_database_here" };
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = missing.ConnectionString,
        };

        var (exitCode, output, error) = await AssistantProcess.RunAsync(string.Empty, environment, "migrate");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("PostgreSQL refused (check Storage:ConnectionString): database \"no_such_database_here\" does not exist", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
    }
}
