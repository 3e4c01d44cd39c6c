using System.Collections.Concurrent;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Outbox;

/// <summary>The outbox window on SQLite itself: its query plan, and a send recorded while another process holds the file's lock.</summary>
public sealed class FairSendingTests_Sqlite() : FairSendingTests(StorageProviderKind.Sqlite)
{
    private string DatabasePath => Folder.DatabasePath;

    [Fact]
    public void The_window_is_read_along_the_index_whatever_the_length_of_any_chats_queue()
    {
        using (TestDatabase.Open(DatabasePath, TimeProvider.System))
        {
            // Creates the schema.
        }

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + OutboxReader.NextPerChatSql;
        command.Parameters.AddWithValue("@channel", Channel);
        command.Parameters.AddWithValue("@due", 0);
        command.Parameters.AddWithValue("@limit", 10);
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // Every read of the outbox is a seek (along outbox_chat_pending, or by id): no step scans it.
        var outboxSteps = plan.Where(step => step.Contains(" outbox ", StringComparison.Ordinal) || step.EndsWith(" outbox", StringComparison.Ordinal) || step.Contains(" o ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(outboxSteps);
        Assert.All(outboxSteps, step => Assert.StartsWith("SEARCH", step, StringComparison.Ordinal));
        Assert.Equal(3, plan.Count(step => step.Contains("USING INDEX outbox_chat_pending", StringComparison.Ordinal) || step.Contains("USING COVERING INDEX outbox_chat_pending", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_send_whose_outcome_meets_a_locked_database_is_recorded_once_the_lock_is_gone_and_never_sent_again()
    {
        await using var fixture = await WriterFixture.StartAsync(Db, busyTimeout: TimeSpan.FromMilliseconds(100));
        await fixture.SendAsync("ani", "/omzet");
        using var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        other.Open();
        SqliteTransaction? hold = null;
        var wire = new RecordingChannel
        {
            // Another process takes the write lock while the reply is on the wire.
            WhileOnTheWire = _ =>
            {
                hold = other.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
                using var write = other.CreateCommand();
                write.Transaction = hold;
                write.CommandText = "INSERT INTO channel_state (channel, key, value) VALUES ('ops', 'lock', 'held')";
                write.ExecuteNonQuery();
            },
        };
        using var dispatcher = Dispatcher(fixture, wire, messagesPerSecond: 50, perChat: TimeSpan.Zero);

        var round = dispatcher.RunRoundAsync(CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(50);
        }

        Assert.False(round.IsCompleted, "the round ended before the send was recorded");
        hold!.Rollback();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!round.IsCompleted && DateTime.UtcNow < deadline)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(20);
        }

        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await round);
        Assert.Equal(OutboxDispatcher.RoundResult.Empty, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Single(wire.Attempts);
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL AND sent_message_id = 'm1'"));
    }
}

public sealed class FairSendingTests_Postgres() : FairSendingTests(StorageProviderKind.Postgres)
{
}

/// <summary>One chat's backlog never holds back another chat's reply; a flood is answered in a few messages, none lost.</summary>
public abstract class FairSendingTests : StorageMatrix
{
    private protected const string Channel = "test";

    private protected FairSendingTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    [Fact]
    public async Task A_chat_with_a_hundred_waiting_replies_takes_one_place_in_a_round_and_five_other_chats_go_in_the_same_round()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await fixture.Writer.RunAsync(fixture.OutboxStore, (store, at) =>
        {
            for (var i = 0; i < 100; i++)
            {
                store.Enqueue(1, Channel, "flood", OutboundMessage.Plain($"menu {i}"), OutboxPriority.Interactive, at.ToUnixTimeMilliseconds());
            }

            for (var chat = 1; chat <= 5; chat++)
            {
                store.Enqueue(1, Channel, $"owner{chat}", OutboundMessage.Plain("Halo!"), OutboxPriority.Interactive, at.ToUnixTimeMilliseconds());
            }

            return true;
        });
        var wire = new RecordingChannel();

        // Fifty a second: ten sends a round; a second between two sends to one chat, as Telegram asks.
        using var dispatcher = Dispatcher(fixture, wire, messagesPerSecond: 50, perChat: TimeSpan.FromSeconds(1));
        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await dispatcher.RunRoundAsync(CancellationToken.None));

        Assert.Equal(["flood", "owner1", "owner2", "owner3", "owner4", "owner5"], wire.Attempts.Select(m => m.ChatId));
        Assert.Equal("menu 0", wire.Attempts.First().Message.Text);
        Assert.Equal(99, Db.Count("SELECT COUNT(*) FROM outbox WHERE chat_id = 'flood' AND sent_at IS NULL"));
    }

    [Fact]
    public async Task The_window_takes_each_chats_first_waiting_message_replies_before_announcements_and_nothing_overtakes_a_retry()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var now = fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();
        await fixture.Writer.RunAsync(fixture.OutboxStore, (store, _) =>
        {
            // ani: an announcement queued first, then a reply: the reply goes first.
            Announce(store, "ani", now);
            store.Enqueue(1, Channel, "ani", OutboundMessage.Plain("ani reply"), OutboxPriority.Interactive, now);

            // budi: a reply waiting for a retry, then another reply queued after the retry was set: neither is due.
            var first = store.Enqueue(2, Channel, "budi", OutboundMessage.Plain("budi 1"), OutboxPriority.Interactive, now);
            store.Reschedule(first, Channel, "budi", now + 60_000, "timeout");
            store.Enqueue(2, Channel, "budi", OutboundMessage.Plain("budi 2"), OutboxPriority.Interactive, now);

            // citra: only an announcement; dedi: a reply on another channel.
            Announce(store, "citra", now);
            store.Enqueue(4, "other", "dedi", OutboundMessage.Plain("dedi reply"), OutboxPriority.Interactive, now);
            return true;
        });

        var window = fixture.Outbox.NextPerChat(10, Channel, now);

        Assert.Equal(["ani reply", "citra news"], window.Select(m => m.Message.Text));
        Assert.Equal(["budi 1"], fixture.Outbox.NextPerChat(10, Channel, now + 60_000).Where(m => m.ChatId == "budi").Select(m => m.Message.Text));
    }

    [Fact]
    public async Task A_flood_from_one_owner_is_answered_in_a_few_messages_in_order_with_every_message_handled()
    {
        await using var fixture = await WriterFixture.StartAsync(Db, TelegramTestDialogs.Notes);
        await fixture.SendAsync("ani", "/catat");
        for (var note = 1; note <= 40; note++)
        {
            Assert.Equal(ChatAssistant.Conversations.HandledStatus.Answered, (await fixture.SendAsync("ani", $"n{note}")).Status);
        }

        // Five replies wait as they are (the first may be on the wire); the rest went into the fifth.
        var texts = fixture.Outbox.Pending(100, Channel, "ani").Select(m => m.Message.Text).ToList();
        Assert.Equal(5, texts.Count);
        Assert.Equal("Tulis catatan:", texts[0]);
        Assert.StartsWith("Dicatat: n1\n", texts[1], StringComparison.Ordinal);
        var all = string.Join("\n\n", texts);
        var positions = Enumerable.Range(1, 40).Select(note => all.IndexOf($"Dicatat: n{note}\n", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(41, Db.Count("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task Merged_replies_never_grow_past_one_message_and_a_repeated_reply_is_merged_once()
    {
        await using var fixture = await WriterFixture.StartAsync(Db, TelegramTestDialogs.Notes);
        await fixture.SendAsync("ani", "/catat");
        var notes = Enumerable.Range(0, 20).Select(i => new string((char)('a' + i), 450)).ToList(); // free text takes up to 500
        foreach (var note in notes.Append(notes[^1]).Append(notes[^1]))
        {
            await fixture.SendAsync("ani", note);
        }

        var texts = fixture.Outbox.Pending(100, Channel, "ani").Select(m => m.Message.Text).ToList();
        Assert.All(texts, text => Assert.InRange(text.Length, 1, OutboxStore.MaxMergedReplyLength));
        Assert.InRange(texts.Count, 6, 10);
        var all = string.Join("\n\n", texts);
        var positions = notes.Select(note => all.IndexOf(note, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);

        // The last note three times: the same reply three times, merged once (nothing in it is new).
        Assert.Equal(1, (all.Length - all.Replace(notes[^1], string.Empty, StringComparison.Ordinal).Length) / notes[^1].Length);
        Assert.Equal(23, Db.Count("SELECT COUNT(*) FROM inbox"));
    }

    private static void Announce(OutboxStore store, string chat, long now) =>
        store.Enqueue(3, Channel, chat, OutboundMessage.Plain($"{chat} news"), OutboxPriority.Broadcast, now);

    private protected static OutboxDispatcher Dispatcher(WriterFixture fixture, RecordingChannel wire, int messagesPerSecond, TimeSpan perChat) =>
        new(wire,
            new OutboxOptions { MaxMessagesPerSecond = messagesPerSecond, PerChatInterval = perChat, ShutdownFlushTimeout = TimeSpan.Zero },
            fixture.Outbox,
            fixture.Writer,
            fixture.OutboxStore,
            new OutboxSignal(),
            [],
            fixture.Time,
            new Random(11),
            NullLogger<OutboxDispatcher>.Instance);

    private protected sealed class RecordingChannel : IOutboxChannel
    {
        public string Name => Channel;

        public ConcurrentQueue<OutboxMessage> Attempts { get; } = new();

        public Action<OutboxMessage>? WhileOnTheWire { get; init; }

        public Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Attempts.Enqueue(message);
            WhileOnTheWire?.Invoke(message);
            return Task.FromResult(SendResult.Sent("m" + Attempts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
