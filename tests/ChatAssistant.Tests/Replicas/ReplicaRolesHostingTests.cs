using System.Diagnostics;
using ChatAssistant.Channels.Telegram;
using ChatAssistant.Conversations;
using ChatAssistant.Hosting;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Storage.Sqlite;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Channels.WhatsApp;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// <see cref="HeldRole"/>: a hosted service under a role starts with the host on SQLite, and on PostgreSQL on one
/// replica only, handed over when its holder stops or loses the role; and which of the worker's services are held.
/// </summary>
public sealed class ReplicaRolesHostingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task On_sqlite_a_held_service_starts_and_stops_with_the_host()
    {
        using var folder = new TempFolder();
        var events = new Events();
        var service = new RecordingService("a", events);
        using var held = new HeldRole("send:telegram", service, new SingleProcessRoles(), Sqlite(folder), new RecordingLifetime(), NullLogger<HeldRole>.Instance);

        var starting = held.StartAsync(CancellationToken.None);
        Assert.True(starting.IsCompletedSuccessfully); // started in the host's own StartAsync, as without the wrapper
        Assert.Equal(["a started"], events.All);

        await held.StopAsync(CancellationToken.None);
        Assert.Equal(["a started", "a stopped"], events.All);
    }

    [Fact]
    public async Task On_postgres_one_replica_runs_the_service_and_hands_it_over_when_it_stops()
    {
        var database = TestPostgres.NewDatabase();
        var events = new Events();
        using var first = Replica(database, "a", events);
        using var second = Replica(database, "b", events);

        await first.Held.StartAsync(CancellationToken.None);
        await first.Service.Started.Task.WaitAsync(Bound);
        await second.Held.StartAsync(CancellationToken.None);
        await UntilAsync(() => ReplicaRolesTests.HolderAsync(database, "send:telegram").Result != 0 && WaitingSessions(database) == 1);
        Assert.False(second.Service.Started.Task.IsCompleted);

        await first.Held.StopAsync(CancellationToken.None);
        await second.Service.Started.Task.WaitAsync(Bound);
        Assert.Equal(["a started", "a stopped", "b started"], events.All); // never both at once
        Assert.Empty(first.Lifetime.Stops);

        await second.Held.StopAsync(CancellationToken.None);
        Assert.Equal(["a started", "a stopped", "b started", "b stopped"], events.All);
    }

    [Fact]
    public async Task A_replica_that_loses_the_role_stops_the_service_without_its_flush_and_stops_the_application()
    {
        var database = TestPostgres.NewDatabase();
        var events = new Events();
        var lost = 0;
        using var holder = Replica(database, "a", events, () => Interlocked.Increment(ref lost));
        await holder.Held.StartAsync(CancellationToken.None);
        await holder.Service.Started.Task.WaitAsync(Bound);

        await using (var side = new NpgsqlConnection(database))
        {
            await side.OpenAsync();
            await using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({await ReplicaRolesTests.HolderAsync(database, "send:telegram")})", side);
            await kill.ExecuteNonQueryAsync();
        }

        await holder.Service.Stopped.Task.WaitAsync(Bound);
        Assert.Equal(1, lost); // told before the service stops: a sender skips its flush

        // The application is stopped after the service has stopped, on the role's own task: waited for, not raced.
        await UntilAsync(() => holder.Lifetime.Stops.Count == 1);
        Assert.Single(holder.Lifetime.Stops);

        await holder.Held.StopAsync(CancellationToken.None); // the host stopping next changes nothing more
        Assert.Equal(["a started", "a stopped"], events.All);
    }

    [Fact]
    public async Task A_held_service_that_fails_stops_the_application_as_the_host_would()
    {
        var database = TestPostgres.NewDatabase();
        var lifetime = new RecordingLifetime();
        using var provider = new PostgresProvider(database);
        var roles = new PostgresReplicaRoles(database, new ReplicaRoleOptions(), lifetime, TimeProvider.System, NullLogger<PostgresReplicaRoles>.Instance);
        var log = new RecordingLogger<HeldRole>();
        using var held = new HeldRole("poll:telegram", new FailingService(), roles, provider, lifetime, log);

        await held.StartAsync(CancellationToken.None);
        await UntilAsync(() => lifetime.Stops.Count == 1);
        Assert.Contains(log.Entries, e => e.EventId == 1205);
        await held.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void The_worker_holds_polling_sending_feeding_and_reminding_under_roles_and_runs_the_rest_on_every_replica()
    {
        using var folder = new TempFolder();
        folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        using var host = WorkerHost.Build(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = TelegramWorker.Token,
            ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Storage:Path"] = folder.DatabasePath,
            ["Dialogs:Path"] = Path.Combine(folder.Path, "dialogs"),
        }, out _);

        var services = host.Services.GetServices<IHostedService>().ToList();
        Assert.Equal(["send:telegram", "feed:telegram", "remind", "poll:telegram"], services.OfType<HeldRole>().Select(h => h.Role));
        Assert.DoesNotContain(services, s => s is ChatAssistant.Reminders.ReminderScheduler); // one replica plans and queues reminders
        Assert.Contains(services, s => s is ConversationWriter); // every replica writes
        Assert.DoesNotContain(services, s => s is TelegramPoller); // only under its role
    }

    private static SqliteProvider Sqlite(TempFolder folder) =>
        new(folder.DatabasePath, TimeSpan.FromSeconds(5), TimeProvider.System, new Random(1), NullLogger.Instance);

    private static ReplicaParts Replica(string database, string name, Events events, Action? lost = null)
    {
        var lifetime = new RecordingLifetime();
        var provider = new PostgresProvider(database);
        var roles = new PostgresReplicaRoles(database, new ReplicaRoleOptions(), lifetime, TimeProvider.System, NullLogger<PostgresReplicaRoles>.Instance);
        var service = new RecordingService(name, events);
        return new ReplicaParts(new HeldRole("send:telegram", service, roles, provider, lifetime, NullLogger<HeldRole>.Instance, lost), service, lifetime, provider);
    }

    /// <summary>Sessions of the role that do not hold it: replicas waiting for their turn.</summary>
    private static long WaitingSessions(string database)
    {
        using var connection = new NpgsqlConnection(database);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'chatassistant role send:telegram'" +
            " AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)", connection);
        return (long)command.ExecuteScalar()!;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Bound, "the condition did not hold within " + Bound);
            await Task.Delay(20);
        }
    }

    private sealed record ReplicaParts(HeldRole Held, RecordingService Service, RecordingLifetime Lifetime, PostgresProvider Provider) : IDisposable
    {
        public void Dispose()
        {
            Held.Dispose();
            Provider.Dispose();
        }
    }

    private sealed class Events
    {
        private readonly List<string> _all = [];

        public IReadOnlyList<string> All
        {
            get
            {
                lock (_all)
                {
                    return _all.ToArray();
                }
            }
        }

        public void Add(string e)
        {
            lock (_all)
            {
                _all.Add(e);
            }
        }
    }

    private sealed class RecordingService(string name, Events events) : IHostedService
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StartAsync(CancellationToken cancellationToken)
        {
            events.Add(name + " started");
            Started.TrySetResult();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            events.Add(name + " stopped");
            Stopped.TrySetResult();
            return Task.CompletedTask;
        }
    }

    private sealed class FailingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("the bot's token was refused");
        }
    }
}
