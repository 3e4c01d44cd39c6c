using System.Diagnostics;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Tests.Channels.WhatsApp;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// Two replicas' roles on one PostgreSQL database, each with its own sessions as two processes would have: one of
/// them runs a role's work, the other takes it over when the holder's session ends, with the real clock and the
/// default intervals (the bound: within 10 s).
/// </summary>
public sealed class ReplicaRolesTests(ITestOutputHelper output)
{
    private const string Role = "send:telegram";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Only_one_of_two_replicas_runs_a_role_s_work_while_the_other_keeps_trying()
    {
        var database = TestPostgres.NewDatabase();
        using var stop = new CancellationTokenSource();
        var first = new Replica(database);
        var waitingClock = new FakeTimeProvider();
        var second = new Replica(database, waitingClock);

        var firstRuns = first.Run(Role, stop.Token);
        await first.Working.Task.WaitAsync(Bound);
        var secondRuns = second.Run(Role, stop.Token);
        await second.Logged(1201); // its first try found the role taken

        // Three more tries, each seen done by the server, find it still taken.
        var pid = await OtherSessionThanHolderAsync(database);
        for (var i = 0; i < 3; i++)
        {
            var before = await LastQueryStartAsync(database, pid);
            await UntilAsync(async () =>
            {
                waitingClock.Advance(new ReplicaRoleOptions().RetryInterval); // again, if the wait was not yet set
                return await LastQueryStartAsync(database, pid) > before && await IsIdleAsync(database, pid);
            });
        }

        Assert.False(second.Working.Task.IsCompleted);
        var holder = await HolderAsync(database, Role);
        Assert.NotEqual(0, holder);
        Assert.NotEqual(pid, holder);

        await stop.CancelAsync();
        await Task.WhenAll(firstRuns, secondRuns).WaitAsync(Bound);
        Assert.Empty(first.Lifetime.Stops);
        Assert.Empty(second.Lifetime.Stops);
    }

    [Fact]
    public async Task The_role_moves_to_the_other_replica_within_10_s_when_the_holder_s_session_is_killed()
    {
        var database = TestPostgres.NewDatabase();
        using var stop = new CancellationTokenSource();
        var holder = new Replica(database);
        var other = new Replica(database);
        var holderRuns = holder.Run(Role, stop.Token);
        await holder.Working.Task.WaitAsync(Bound);
        var otherRuns = other.Run(Role, stop.Token);
        await other.Logged(1201);

        var killed = Stopwatch.StartNew();
        var cancelledAfter = holder.Cancelled.Task.ContinueWith(_ => killed.Elapsed, TaskScheduler.Default);
        await ExecuteAsync(database, $"SELECT pg_terminate_backend({await HolderAsync(database, Role)})");

        await other.Working.Task.WaitAsync(Bound);
        var movedAfter = killed.Elapsed;
        output.WriteLine($"The old holder's work was cancelled after {await cancelledAfter.WaitAsync(Bound)}; the other replica's started after {movedAfter}");
        Assert.True(movedAfter < Bound, $"taken over after {movedAfter}");

        // The old holder stopped its work and asked the application to stop, saying why.
        await holderRuns.WaitAsync(Bound);
        Assert.Single(holder.Lifetime.Stops);
        Assert.Contains(holder.Log.Entries, e => e.EventId == 1202 && e.Level == LogLevel.Critical);
        Assert.Empty(other.Lifetime.Stops);

        await stop.CancelAsync();
        await otherRuns.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_replica_that_dies_hard_frees_its_role_for_the_next_try_of_another()
    {
        var database = TestPostgres.NewDatabase();
        using var stop = new CancellationTokenSource();

        // A replica as another process would hold the role: its own session, the same key, no goodbye.
        var dying = new NpgsqlConnection(database);
        await dying.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresReplicaRoles.Key(Role)})", dying))
        {
            await take.ExecuteNonQueryAsync();
        }

        var other = new Replica(database);
        var otherRuns = other.Run(Role, stop.Token);
        await other.Logged(1201);
        Assert.False(other.Working.Task.IsCompleted);

        var died = Stopwatch.StartNew();
        await dying.DisposeAsync(); // the socket closes, as when a process is killed
        await other.Working.Task.WaitAsync(Bound);
        output.WriteLine($"Taken over {died.Elapsed} after the holder's session closed");
        Assert.True(died.Elapsed < Bound, $"taken over after {died.Elapsed}");

        await stop.CancelAsync();
        await otherRuns.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_stopping_holder_keeps_its_role_until_its_work_has_ended()
    {
        var database = TestPostgres.NewDatabase();
        using var stopHolder = new CancellationTokenSource();
        using var stopOther = new CancellationTokenSource();
        var flushed = new TaskCompletionSource();
        var holder = new Replica(database) { AfterCancel = flushed.Task }; // e.g. a sender's last flush
        var other = new Replica(database);
        var holderRuns = holder.Run(Role, stopHolder.Token);
        await holder.Working.Task.WaitAsync(Bound);
        var holderPid = await HolderAsync(database, Role);
        var otherRuns = other.Run(Role, stopOther.Token);
        await other.Logged(1201);

        await stopHolder.CancelAsync();
        await holder.Cancelled.Task.WaitAsync(Bound);
        Assert.Equal(holderPid, await HolderAsync(database, Role)); // still held while the work ends
        Assert.False(other.Working.Task.IsCompleted);

        flushed.SetResult();
        await holderRuns.WaitAsync(Bound);
        await other.Working.Task.WaitAsync(Bound);
        Assert.Empty(holder.Lifetime.Stops); // a stop is not a loss
        Assert.Contains(holder.Log.Entries, e => e.EventId == 1204);

        await stopOther.CancelAsync();
        await otherRuns.WaitAsync(Bound);
    }

    [Fact]
    public async Task Different_roles_are_held_independently()
    {
        var database = TestPostgres.NewDatabase();
        using var stop = new CancellationTokenSource();
        var sender = new Replica(database);
        var poller = new Replica(database);
        var sending = sender.Run("send:telegram", stop.Token);
        var polling = poller.Run("poll:telegram", stop.Token);

        await Task.WhenAll(sender.Working.Task, poller.Working.Task).WaitAsync(Bound);
        Assert.NotEqual(PostgresReplicaRoles.Key("send:telegram"), PostgresReplicaRoles.Key("poll:telegram"));

        await stop.CancelAsync();
        await Task.WhenAll(sending, polling).WaitAsync(Bound);
    }

    [Fact]
    public async Task On_sqlite_the_work_runs_at_once()
    {
        var ran = false;
        await new SingleProcessRoles().RunWhileHeldAsync(Role, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.True(ran);
    }

    [Fact]
    public void A_role_s_key_is_the_same_in_every_process()
    {
        // Replicas of different builds must agree: a key from string.GetHashCode would differ per process.
        Assert.Equal(PostgresReplicaRoles.Key(Role), PostgresReplicaRoles.Key(new string(Role.ToCharArray())));
        Assert.Equal(-3189916630462254132L, PostgresReplicaRoles.Key("example"));
    }

    /// <summary>The pid of the session holding <paramref name="role"/>'s advisory lock, or 0.</summary>
    internal static async Task<int> HolderAsync(string database, string role)
    {
        var key = PostgresReplicaRoles.Key(role);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())" +
            " AND classid = @high AND objid = @low AND objsubid = 1", connection);
        command.Parameters.AddWithValue("high", (long)(uint)(key >> 32));
        command.Parameters.AddWithValue("low", (long)(uint)key);
        return await command.ExecuteScalarAsync() is int pid ? pid : 0;
    }

    private static async Task<int> OtherSessionThanHolderAsync(string database)
    {
        var holder = await HolderAsync(database, Role);
        return (int)(await ScalarAsync(database,
            $"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'chatassistant role {Role}' AND pid <> {holder}"))!;
    }

    private static async Task<DateTime> LastQueryStartAsync(string database, int pid) =>
        (DateTime)(await ScalarAsync(database, $"SELECT query_start FROM pg_stat_activity WHERE pid = {pid}"))!;

    private static async Task<bool> IsIdleAsync(string database, int pid) =>
        (string?)await ScalarAsync(database, $"SELECT state FROM pg_stat_activity WHERE pid = {pid}") == "idle";

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static Task ExecuteAsync(string database, string sql) => ScalarAsync(database, sql);

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < Bound, "the condition did not hold within " + Bound);
            await Task.Delay(20);
        }
    }

    /// <summary>One replica's roles (its own sessions, clock, log and lifetime), running a work that waits for its token.</summary>
    private sealed class Replica(string database, TimeProvider? time = null)
    {
        public RecordingLogger<PostgresReplicaRoles> Log { get; } = new();

        public RecordingLifetime Lifetime { get; } = new();

        public TaskCompletionSource Working { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What the work still does once cancelled, before it returns.</summary>
        public Task AfterCancel { get; init; } = Task.CompletedTask;

        public Task Run(string role, CancellationToken cancellationToken)
        {
            var roles = new PostgresReplicaRoles(database, new ReplicaRoleOptions(), Lifetime, time ?? TimeProvider.System, Log);
            return roles.RunWhileHeldAsync(role, async held =>
            {
                Working.TrySetResult();
                var cancelled = new TaskCompletionSource();
                await using (held.Register(() => cancelled.TrySetResult()))
                {
                    await cancelled.Task;
                }

                Cancelled.TrySetResult();
                await AfterCancel;
                held.ThrowIfCancellationRequested();
            }, cancellationToken);
        }

        public Task Logged(int eventId) => UntilAsync(() => Task.FromResult(Log.Entries.Any(e => e.EventId == eventId)));
    }
}

/// <summary>An application lifetime that records the requests to stop.</summary>
internal sealed class RecordingLifetime : IHostApplicationLifetime
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<DateTimeOffset> _stops = [];

    public IReadOnlyList<DateTimeOffset> Stops
    {
        get
        {
            lock (_stops)
            {
                return _stops.ToArray();
            }
        }
    }

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication()
    {
        lock (_stops)
        {
            _stops.Add(DateTimeOffset.UtcNow);
        }

        _stopping.Cancel();
    }
}
