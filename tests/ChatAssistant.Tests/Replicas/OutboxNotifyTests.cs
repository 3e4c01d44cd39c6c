using System.Diagnostics;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// Waking the elected sender across replicas: a notice sent in a writer's transaction (<see cref="WriteSession.NotifyOnCommit"/>)
/// reaches a listener on another connection when, and only when, the transaction commits, and the listener keeps
/// hearing after its connection is lost.
/// </summary>
public sealed class OutboxNotifyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_reply_committed_by_one_replica_wakes_the_sender_listening_on_another()
    {
        var database = TestPostgres.NewDatabase();
        using var writer = TestDatabase.OpenPostgres(database, TimeProvider.System);
        var signal = new OutboxSignal();
        using var notices = new OutboxNotices(Listener(database), signal);
        await notices.StartAsync(CancellationToken.None);
        await WokenAsync(signal); // once on listening: what was committed before it listened
        await UntilListeningAsync(database);

        writer.Begin();
        writer.NotifyOnCommit(OutboxNotices.Channel);
        writer.Commit();

        await WokenAsync(signal);
        await notices.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_owner_s_reply_committed_by_the_writer_wakes_another_replica_s_sender_with_the_row_there_to_read()
    {
        using var target = StorageTarget.Postgres();
        await using var writer = await WriterFixture.StartAsync(target);
        var signal = new OutboxSignal();
        using var notices = new OutboxNotices(Listener(target.Settings["Storage__ConnectionString"]), signal);
        await notices.StartAsync(CancellationToken.None);
        await WokenAsync(signal);
        await UntilListeningAsync(target.Settings["Storage__ConnectionString"]);
        Assert.Equal(0, target.Count("SELECT COUNT(*) FROM outbox"));

        await writer.SendAsync("42", "/omzet");

        await WokenAsync(signal);
        Assert.True(target.Count("SELECT COUNT(*) FROM outbox WHERE chat_id = '42'") > 0); // committed before the notice
        await notices.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_rolled_back_batch_wakes_nobody_and_the_next_commit_does()
    {
        var database = TestPostgres.NewDatabase();
        using var writer = TestDatabase.OpenPostgres(database, TimeProvider.System);
        var heard = 0;
        using var stop = new CancellationTokenSource();
        var listening = Listener(database).ListenAsync(OutboxNotices.Channel, () => Interlocked.Increment(ref heard), stop.Token);
        await UntilAsync(() => Volatile.Read(ref heard) == 1);
        await UntilListeningAsync(database);

        writer.Begin();
        writer.NotifyOnCommit(OutboxNotices.Channel);
        writer.Rollback();
        writer.Begin();
        writer.NotifyOnCommit(OutboxNotices.Channel);
        writer.Commit();

        // Notices arrive in commit order, so the rolled-back one would have come first.
        await UntilAsync(() => Volatile.Read(ref heard) >= 2);
        await stop.CancelAsync();
        await listening.WaitAsync(Bound);
        Assert.Equal(2, heard);
    }

    [Fact]
    public async Task The_listener_hears_again_after_its_connection_is_killed()
    {
        var database = TestPostgres.NewDatabase();
        using var writer = TestDatabase.OpenPostgres(database, TimeProvider.System);
        var heard = 0;
        using var stop = new CancellationTokenSource();
        var listening = Listener(database).ListenAsync(OutboxNotices.Channel, () => Interlocked.Increment(ref heard), stop.Token);
        await UntilAsync(() => Volatile.Read(ref heard) == 1);
        var first = await UntilListeningAsync(database);

        await using (var side = new NpgsqlConnection(database))
        {
            await side.OpenAsync();
            await using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({first})", side);
            await kill.ExecuteNonQueryAsync();
        }

        await UntilAsync(() => Volatile.Read(ref heard) == 2); // listening again: once more for what it missed
        var second = await UntilListeningAsync(database);
        Assert.NotEqual(first, second);

        writer.Begin();
        writer.NotifyOnCommit(OutboxNotices.Channel);
        writer.Commit();
        await UntilAsync(() => Volatile.Read(ref heard) == 3);

        await stop.CancelAsync();
        await listening.WaitAsync(Bound);
    }

    [Fact]
    public async Task On_sqlite_the_writer_sends_no_notice_and_nothing_listens()
    {
        using var folder = new TempFolder();
        using var writer = TestDatabase.Open(folder.DatabasePath, TimeProvider.System);
        writer.Begin();
        writer.NotifyOnCommit(OutboxNotices.Channel); // no statement: the one process wakes its senders in memory
        writer.Commit();

        await new NoReplicaNotices().ListenAsync(OutboxNotices.Channel, () => Assert.Fail("heard on SQLite"), CancellationToken.None);
    }

    private static PostgresReplicaNotices Listener(string database) =>
        new(database, new ReplicaRoleOptions { RetryInterval = TimeSpan.FromMilliseconds(100) }, TimeProvider.System, NullLogger<PostgresReplicaNotices>.Instance);

    /// <summary>Waits until the signal wakes a waiter whose timeout never passes (its clock stands still).</summary>
    private static async Task WokenAsync(OutboxSignal signal)
    {
        using var bound = new CancellationTokenSource(Bound);
        await signal.WaitAsync(TimeSpan.FromHours(1), new FakeTimeProvider(), bound.Token);
    }

    /// <summary>The pid of the session listening on the outbox channel, once there is one.</summary>
    private static async Task<int> UntilListeningAsync(string database)
    {
        var pid = 0;
        await UntilAsync(() =>
        {
            using var connection = new NpgsqlConnection(database);
            connection.Open();
            using var command = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'chatassistant listen chatassistant_outbox'" +
                " AND state = 'idle' AND query LIKE 'LISTEN%'", connection);
            pid = command.ExecuteScalar() is int found ? found : 0;
            return pid != 0;
        });
        return pid;
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
}
