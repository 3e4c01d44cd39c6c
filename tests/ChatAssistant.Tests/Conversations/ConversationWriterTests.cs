using ChatAssistant.Conversations;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Conversations;

public sealed class ConversationWriterTests_Sqlite() : ConversationWriterTests(StorageProviderKind.Sqlite)
{
}

public sealed class ConversationWriterTests_Postgres() : ConversationWriterTests(StorageProviderKind.Postgres)
{
}

/// <summary>The writer on each engine (<see cref="StorageTarget"/>): the same behaviour on SQLite and PostgreSQL.</summary>
public abstract class ConversationWriterTests : StorageMatrix
{
    private protected ConversationWriterTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    [Fact]
    public async Task A_redelivered_message_is_applied_once()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await fixture.SendAsync("owner", "/omzet");
        await fixture.SendAsync("owner", "Toko Sari");

        var first = await fixture.SendAsync("owner", "15 juta", messageId: "update-42");
        var again = await fixture.SendAsync("owner", "15 juta", messageId: "update-42");

        Assert.Equal(HandledStatus.Answered, first.Status);
        Assert.Equal(HandledStatus.Duplicate, again.Status);
        Assert.Equal(3, Db.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM answers WHERE key = 'sales'"));
        Assert.Equal("kur", Db.Text("SELECT step_id FROM conversations"));
    }

    [Fact]
    public async Task Messages_sharing_one_transaction_are_applied_as_if_each_had_its_own()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);

        // All in one transaction: a redelivery inside it, one owner's consecutive answers (written with the batch's others
        // before the commit), and another owner beside them.
        var handled = await fixture.InOneTransactionAsync(() =>
        [
            fixture.SendAsync("owner", "/omzet"),
            fixture.SendAsync("other", "/omzet"),
            fixture.SendAsync("owner", "Toko Sari"),
            fixture.SendAsync("owner", "15 juta", messageId: "update-42"),
            fixture.SendAsync("owner", "15 juta", messageId: "update-42"),
            fixture.SendAsync("other", "Warung Budi"),
        ]);

        Assert.Equal(
            [HandledStatus.Answered, HandledStatus.Answered, HandledStatus.Answered, HandledStatus.Answered, HandledStatus.Duplicate, HandledStatus.Answered],
            handled.Select(h => h.Status));
        Assert.Equal(5, Db.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(5, Db.Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal("kur", Db.Text("SELECT c.step_id FROM conversations c JOIN users u ON u.id = c.user_id WHERE u.chat_id = 'owner'"));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM answers a JOIN conversations c ON c.id = a.conversation_id JOIN users u ON u.id = c.user_id WHERE u.chat_id = 'owner' AND a.key = 'sales'"));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM profile_values p JOIN users u ON u.id = p.user_id WHERE u.chat_id = 'other' AND p.key = 'business_name' AND p.value LIKE '%Warung Budi%'"));
        Assert.Equal("sales", Db.Text("SELECT c.step_id FROM conversations c JOIN users u ON u.id = c.user_id WHERE u.chat_id = 'other'"));
        Assert.Equal(2, Db.Count("SELECT COUNT(*) FROM users WHERE last_seen_at IS NOT NULL"));

        // And the same state as messages in transactions of their own: the owner's next answer goes on from there.
        var next = await fixture.SendAsync("owner", "ya");
        Assert.Equal(HandledStatus.Answered, next.Status);
    }

    [Fact]
    public async Task An_owners_last_seen_is_written_at_most_once_a_minute_and_is_never_more_than_a_minute_old()
    {
        long LastSeen() => Db.Count("SELECT last_seen_at FROM users WHERE chat_id = 'owner'");
        long written;
        await using (var fixture = await WriterFixture.StartAsync(Db))
        {
            var first = fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();
            await fixture.SendAsync("owner", "/omzet");
            Assert.Equal(first, LastSeen());

            // Answers a few seconds apart, as owners in a dialog write: the first write stands for them.
            fixture.Time.Advance(TimeSpan.FromSeconds(40));
            await fixture.SendAsync("owner", "Toko Sari");
            Assert.Equal(first, LastSeen());

            fixture.Time.Advance(TimeSpan.FromSeconds(30));
            await fixture.SendAsync("owner", "15 juta");
            written = fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();
            Assert.Equal(written, LastSeen());
            Assert.Equal("kur", Db.Text("SELECT step_id FROM conversations"));
        }

        // After a restart the stored time is what counts: 10 s later it still stands, 61 s later it is written again.
        await using var restarted = await WriterFixture.StartAsync(Db);
        restarted.Time.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(written + 10_000));
        await restarted.SendAsync("owner", "ya");
        Assert.Equal(written, LastSeen());
        restarted.Time.Advance(TimeSpan.FromSeconds(51));
        await restarted.SendAsync("other", "/omzet");
        await restarted.SendAsync("owner", "/omzet");
        Assert.Equal(restarted.Time.GetUtcNow().ToUnixTimeMilliseconds(), LastSeen());
    }

    [Fact]
    public async Task Resumes_at_the_same_step_after_restart()
    {
        await using (var first = await WriterFixture.StartAsync(Db))
        {
            await first.SendAsync("owner", "/omzet");
            var reply = await first.SendAsync("owner", "Toko Sari");
            Assert.Contains("Omzet setahun?", reply.Reply!.Text, StringComparison.Ordinal);
        }

        await using var second = await WriterFixture.StartAsync(Db);
        var afterRestart = await second.SendAsync("owner", "Rp15jt");
        Assert.Contains("Punya KUR?", afterRestart.Reply!.Text, StringComparison.Ordinal);

        var end = await second.SendAsync("owner", "tidak");
        Assert.Contains("Toko Sari: usaha mikro, omzet Rp15.000.000.", end.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal("micro", Db.Text("SELECT outcome FROM conversations WHERE status = 2"));
    }

    [Fact]
    public async Task A_dialog_started_again_gets_a_row_of_its_own_and_the_finished_run_keeps_its_answers()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);

        // A run finishes and the next starts in the same transaction: the finished run's last step is written after its
        // turn, from its object, so the new start must not take that object over before the commit.
        var handled = await fixture.InOneTransactionAsync(() =>
        [
            fixture.SendAsync("owner", "/omzet"),
            fixture.SendAsync("owner", "Toko Sari"),
            fixture.SendAsync("owner", "15 juta"),
            fixture.SendAsync("owner", "tidak"),
            fixture.SendAsync("owner", "/omzet"),
            fixture.SendAsync("owner", "Toko Sari"),
            fixture.SendAsync("owner", "3 miliar"),
        ]);
        Assert.All(handled, h => Assert.Equal(HandledStatus.Answered, h.Status));
        Assert.Contains("Nama usaha Anda?", handled[4].Reply!.Text, StringComparison.Ordinal);
        Assert.Contains("Punya KUR?", handled[6].Reply!.Text, StringComparison.Ordinal);

        // Then in transactions of their own: the third run starts once the second has finished and is committed, on
        // the object the finished run leaves for reuse.
        var second = await fixture.SendAsync("owner", "ya");
        Assert.Contains("Terima kasih.", second.Reply!.Text, StringComparison.Ordinal);
        await fixture.SendAsync("owner", "/omzet");
        await fixture.SendAsync("owner", "Toko Sari");
        var third = await fixture.SendAsync("owner", "20 juta");
        Assert.Contains("Punya KUR?", third.Reply!.Text, StringComparison.Ordinal);

        const string Runs = "SELECT status || ':' || COALESCE(outcome, '-') || ':' || step_id FROM conversations ORDER BY id";
        Assert.Equal(["2:micro:micro", "2:other:other", "0:-:kur"], Db.Texts(Runs));
        const string Answers = """
            SELECT c.id || ':' || a.key || '=' || a.value FROM answers a JOIN conversations c ON c.id = a.conversation_id
            ORDER BY c.id, a.key
            """;
        var ids = Db.Texts("SELECT CAST(id AS TEXT) FROM conversations ORDER BY id");
        Assert.Equal(
            [$"{ids[0]}:kur=b:0", $"{ids[0]}:sales=m:15000000", $"{ids[1]}:kur=b:1", $"{ids[1]}:sales=m:3000000000", $"{ids[2]}:sales=m:20000000"],
            Db.Texts(Answers));
    }

    [Fact]
    public async Task Profile_values_are_kept_across_conversations()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await fixture.SendAsync("owner", "/omzet");
        await fixture.SendAsync("owner", "Warung Bu Ani");

        Assert.Equal("t:Warung Bu Ani", Db.Text("SELECT value FROM profile_values WHERE key = 'business_name'"));
    }

    [Fact]
    public async Task Each_owner_keeps_order_while_many_owners_write_at_once()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = Enumerable.Range(0, 50).Select(i => $"owner-{i}").ToList();

        // Each owner sends its messages in order; owners run concurrently, as different chats do.
        await Task.WhenAll(owners.Select(async owner =>
        {
            foreach (var text in new[] { "/omzet", $"Usaha {owner}", "2 miliar", "tidak" })
            {
                await fixture.SendAsync(owner, text);
            }
        }));

        Assert.Equal(50, Db.Count("SELECT COUNT(*) FROM conversations WHERE status = 2 AND outcome = 'micro'"));
        Assert.Equal(200, Db.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(200, Db.Count("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task A_message_that_cannot_be_handled_gets_an_apology_and_is_not_retried()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await fixture.SendAsync("owner", "/omzet");
        await fixture.SendAsync("owner", "Toko Sari");
        await fixture.SendAsync("owner", "15 juta");

        // A corrupt stored answer makes loading this owner's session throw.
        Db.Execute("UPDATE answers SET value = 'm:not-a-number' WHERE key = 'sales'");

        var failed = await fixture.SendAsync("owner", "ya", messageId: "poison");
        var redelivered = await fixture.SendAsync("owner", "ya", messageId: "poison");
        var otherOwner = await fixture.SendAsync("someone-else", "/omzet");

        Assert.Equal(HandledStatus.Failed, failed.Status);
        Assert.Contains("Maaf, terjadi kesalahan", failed.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(HandledStatus.Duplicate, redelivered.Status);
        Assert.Equal(HandledStatus.Answered, otherOwner.Status);
    }

    [Fact]
    public async Task Replies_wait_in_the_outbox_until_marked_sent()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var handled = await fixture.SendAsync("owner", "/omzet");

        var pending = fixture.Outbox.Pending(10, "test", "owner");
        var message = Assert.Single(pending);
        Assert.Equal(handled.OutboxId, message.Id);
        Assert.Equal(handled.Reply!.Text, message.Message.Text);

        await fixture.Writer.RunAsync(fixture.OutboxStore, (store, now) =>
        {
            store.MarkSent(message.Id, now.ToUnixTimeMilliseconds());
            return true;
        });
        Assert.Empty(fixture.Outbox.Pending(10, "test", "owner"));
    }

    [Fact]
    public async Task A_change_from_a_review_survives_a_restart_and_deletes_answers_that_no_longer_apply()
    {
        await using (var first = await WriterFixture.StartAsync(Db, TestDialogs.Review))
        {
            await first.SendAsync("owner", "/tinjau");
            await first.SendAsync("owner", "ya");
            await first.SendAsync("owner", "Padang");
            await first.SendAsync("owner", "ubah 1");
        }

        Assert.Equal("edit:check", Db.Text("SELECT mode FROM conversations"));
        await using var second = await WriterFixture.StartAsync(Db, TestDialogs.Review);
        var review = await second.SendAsync("owner", "tidak");

        Assert.Contains("2. Kota: (belum dijawab)", review.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM answers WHERE key = 'city'"));
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM conversations WHERE mode IS NOT NULL"));
    }
}
