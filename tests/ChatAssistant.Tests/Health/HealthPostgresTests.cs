using System.Net;
using System.Net.Sockets;
using ChatAssistant.Health;
using ChatAssistant.Outbox;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Npgsql;

namespace ChatAssistant.Tests.Health;

/// <summary>The <c>health</c> verb on PostgreSQL: no file to look at; the server answers, or the line says it does not.</summary>
public sealed class HealthPostgresTests : IDisposable
{
    private readonly StorageTarget _target = StorageTarget.Postgres();

    public void Dispose() => _target.Dispose();

    [Fact]
    public async Task On_postgres_the_check_asks_the_server_for_the_schema_and_the_channels_last_success()
    {
        using (var session = _target.Open(TimeProvider.System))
        {
            session.Begin();
            ChannelHealthSql.Record(new OutboxStore(session), "telegram", DateTimeOffset.UtcNow.AddSeconds(-20));
            session.Commit();
        }

        var environment = new Dictionary<string, string>(_target.Settings) { ["Telegram__BotToken"] = TelegramWorker.Token };
        var run = await AssistantProcess.RunAsync(string.Empty, environment, "health");

        Assert.True(run.ExitCode == 0, run.Error);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var server = new NpgsqlConnectionStringBuilder(_target.Settings["Storage__ConnectionString"]);
        Assert.StartsWith($"healthy: database {server.Database} on {server.Host}:{server.Port} answers (schema ", line, StringComparison.Ordinal);
        Assert.Contains("telegram: last successful call 2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgres_server_that_does_not_answer_is_unhealthy_with_one_line()
    {
        var port = ClosedPort();
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = $"Host=127.0.0.1;Port={port};Username=postgres;Database=nowhere",
        };

        var run = await AssistantProcess.RunAsync(string.Empty, environment, "health");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"unhealthy: the database nowhere on 127.0.0.1:{port} does not answer: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_without_the_assistants_schema_is_unhealthy()
    {
        var report = HealthCheck.RunPostgres(_target.Settings["Storage__ConnectionString"], [], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);

        Assert.False(report.Healthy);
        Assert.Contains("does not answer: 42P01", report.Line, StringComparison.Ordinal); // no schema_migrations: not a database of this assistant
    }

    /// <summary>A loopback port nothing listens on (taken and given back at once).</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
