using System.Data.Common;
using ChatAssistant.Conversations;
using ChatAssistant.Outbox;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Conversations;

/// <summary>
/// Two writers on one PostgreSQL database, as two worker replicas behind a proxy that spreads an owner's updates
/// across them: each message is handled once, by one replica at a time per owner, and every conversation goes on
/// from where the other replica left it.
/// </summary>
public sealed class ReplicaWriterTests : IDisposable
{
    private readonly StorageTarget _db = StorageTarget.Postgres();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task An_owners_messages_sent_alternately_to_two_replicas_are_each_handled_once_and_answered_in_order()
    {
        await using var first = await WriterFixture.StartAsync(_db);
        await using var second = await WriterFixture.StartAsync(_db);
        WriterFixture[] replicas = [first, second];
        var owners = Enumerable.Range(0, 20).Select(i => $"owner-{i}").ToList();

        // Each owner writes in order, the next message after the previous one's answer, to the replicas in turn; the
        // channel redelivers each update to the other replica too. Owners write at the same time.
        await Task.WhenAll(owners.Select(async (owner, o) =>
        {
            string[] texts = ["/omzet", $"Usaha {owner}", "2 miliar", "tidak"];
            for (var i = 0; i < texts.Length; i++)
            {
                var id = $"{owner}-{i}";
                Assert.Equal(HandledStatus.Answered, (await replicas[(o + i) % 2].SendAsync(owner, texts[i], id)).Status);
                Assert.Equal(HandledStatus.Duplicate, (await replicas[(o + i + 1) % 2].SendAsync(owner, texts[i], id)).Status);
            }
        }));

        foreach (var owner in owners)
        {
            var replies = first.Outbox.Pending(100, "test", owner).Select(m => m.Message.Text).ToList();
            Assert.Equal(4, replies.Count);
            Assert.Contains("Nama usaha Anda?", replies[0], StringComparison.Ordinal);
            Assert.Contains("Omzet setahun?", replies[1], StringComparison.Ordinal);
            Assert.Contains("Punya KUR?", replies[2], StringComparison.Ordinal);
            Assert.StartsWith($"Usaha {owner}: usaha mikro", replies[3], StringComparison.Ordinal);
        }

        Assert.Equal(20, _db.Count("SELECT COUNT(*) FROM conversations WHERE status = 2 AND outcome = 'micro'"));
        Assert.Equal(20, _db.Count("SELECT COUNT(*) FROM users"));
        Assert.Equal(80, _db.Count("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task Messages_of_the_same_owners_arriving_at_both_replicas_at_once_are_each_answered_once()
    {
        await using var first = await WriterFixture.StartAsync(_db, TelegramTestDialogs.Notes);
        await using var second = await WriterFixture.StartAsync(_db, TelegramTestDialogs.Notes);
        var owners = Enumerable.Range(0, 30).Select(i => $"owner-{i}").ToList();
        await Task.WhenAll(owners.Select(owner => first.SendAsync(owner, "/catat")));

        // Four notes from every owner at once, two to each replica: the replicas' batches share owners, in any order.
        var handled = await Task.WhenAll(owners.SelectMany(owner => Enumerable.Range(1, 4).Select(note =>
            (note % 2 == 0 ? first : second).SendAsync(owner, $"n{note}", $"{owner}-n{note}"))));

        Assert.All(handled, h => Assert.Equal(HandledStatus.Answered, h.Status));
        foreach (var owner in owners)
        {
            var replies = first.Outbox.Pending(100, "test", owner).Select(m => m.Message.Text).ToList();
            Assert.Equal("Tulis catatan:", replies[0]);
            var all = string.Join("\n\n", replies);
            Assert.All(Enumerable.Range(1, 4), note => Assert.Single(all.Split("\n\n"), part => part == $"Dicatat: n{note}"));
        }

        Assert.Equal(30 * 5, _db.Count("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task A_replica_waits_for_an_owner_another_replica_holds_while_other_owners_go_on()
    {
        await using var first = await WriterFixture.StartAsync(_db, TelegramTestDialogs.Notes);
        await using var second = await WriterFixture.StartAsync(_db, TelegramTestDialogs.Notes);
        await first.SendAsync("ani", "/catat");

        // A third replica in the middle of ani's message: its transaction holds ani's lock.
        using var other = _db.Connect();
        using var transaction = other.BeginTransaction();
        Run(other, transaction, $"SELECT pg_advisory_xact_lock({OwnerLocks.Key("test", "ani")})");

        var waiting = first.SendAsync("ani", "n1");
        await WaitForAWaiterAsync();
        var budi = await second.SendAsync("budi", "/catat");
        Assert.Equal(HandledStatus.Answered, budi.Status);
        Assert.False(waiting.IsCompleted, "ani's message was handled while another replica held ani");

        transaction.Commit();
        var handled = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HandledStatus.Answered, handled.Status);
        Assert.StartsWith("Dicatat: n1", handled.Reply!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_started_on_a_newer_dialog_at_another_replica_goes_on_with_it_once_that_replica_keeps_the_version()
    {
        // The second replica has loaded a newer file the first has not: its conversation is pinned to a version the
        // first cannot find yet (the second keeps it only after it is live), then can.
        var newer = TestDialogs.Sales.Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("Punya KUR?", "Sudah punya KUR?", StringComparison.Ordinal);
        await using var first = await WriterFixture.StartAsync(_db);
        await using var second = await WriterFixture.StartAsync(_db, newer);
        await second.SendAsync("ani", "/omzet");

        var onLive = await first.SendAsync("ani", "Toko Ani");
        Assert.Contains("Omzet setahun?", onLive.Reply!.Text, StringComparison.Ordinal); // the step is the same in both
        var hash = _db.Text("SELECT dialog_hash FROM conversations")!;
        await second.RunAsync((store, now) =>
        {
            store.SaveDialogVersion(hash, "sales", 2, new ChatAssistant.Dialogs.Loading.DialogSource("test.yaml", newer), now.ToUnixTimeMilliseconds());
            return true;
        });

        var onNewer = await first.SendAsync("ani", "15 juta");
        Assert.Contains("Sudah punya KUR?", onNewer.Reply!.Text, StringComparison.Ordinal);
    }

    /// <summary>Until the replica's writer waits on a lock in this database (seen in pg_locks), within a generous bound.</summary>
    private async Task WaitForAWaiterAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        const string Waiters = """
            SELECT COUNT(*) FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """;
        while (_db.Count(Waiters) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the replica never waited for the owner's lock");
            await Task.Delay(20);
        }
    }

    private static void Run(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
