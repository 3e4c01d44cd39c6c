using System.Collections.Concurrent;
using ChatAssistant.Broadcasts;
using ChatAssistant.Channels;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Outbox;

public sealed class OutsideWindowTests_Sqlite() : OutsideWindowTests(StorageProviderKind.Sqlite)
{
    // The broadcast side is seeded and read with SQLite (Owners, BroadcastSummary on the session's connection).
    [Fact]
    public async Task An_announcement_refused_outside_the_window_is_counted_and_not_sent_when_the_owner_writes_later()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Folder.DatabasePath);
        owners.Add(Ani, channel: WhatsApp, lastSeen: fixture.Time.GetUtcNow() - TimeSpan.FromHours(2));
        var id = await FeederHost.CreateAsync(fixture);
        await FeederHost.Create(fixture, WhatsApp).FeedOnceAsync();
        var wire = new WindowChannel();
        wire.Outside.Add(Ani); // our clock says inside; WhatsApp's says outside
        using var dispatcher = Dispatcher(fixture, wire);

        await dispatcher.RunRoundAsync(CancellationToken.None);

        Assert.Equal(RecipientStatuses.OutsideWindow, owners.RecipientStatus(id, Ani));
        Assert.Equal(1, Assert.Single(BroadcastSummary.Read(fixture.Session.Connection, id)).OutsideWindow);
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM outbox WHERE held_since IS NOT NULL"));

        wire.Outside.Clear();
        await WriteAsync(fixture, Ani, "halo");
        await DrainAsync(dispatcher);

        Assert.Single(wire.Attempts, m => m.BroadcastId is not null);
        Assert.Equal(RecipientStatuses.OutsideWindow, owners.RecipientStatus(id, Ani));
    }
}

public sealed class OutsideWindowTests_Postgres() : OutsideWindowTests(StorageProviderKind.Postgres)
{
}

/// <summary>
/// A message WhatsApp refuses as outside the owner's 24-hour window (131047): a reply is held with the chat's later
/// messages and goes, in order, ahead of the reply to the owner's next message; an announcement is counted
/// outside_window and never sent again.
/// </summary>
public abstract class OutsideWindowTests : StorageMatrix
{
    private protected OutsideWindowTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    private protected const string WhatsApp = "whatsapp";
    private protected const string Ani = "6281100000001";

    [Fact]
    public async Task A_reply_refused_outside_the_window_is_held_and_goes_before_the_reply_to_the_owners_next_message()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await WriteAsync(fixture, Ani, "/omzet"); // "Halo! Nama usaha Anda?"
        await WriteAsync(fixture, Ani, "Toko Ani"); // "Omzet setahun?"
        var wire = new WindowChannel();
        wire.Outside.Add(Ani);
        using var dispatcher = Dispatcher(fixture, wire);

        // The first reply is refused: it and the second wait; nothing is due any more, however long the clock runs.
        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await dispatcher.RunRoundAsync(CancellationToken.None));
        fixture.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(OutboxDispatcher.RoundResult.Empty, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Single(wire.Attempts);
        Assert.Equal(2, Db.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = '{Ani}' AND held_since IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL"));
        Assert.StartsWith("131047", Db.Text($"SELECT error FROM outbox WHERE chat_id = '{Ani}' ORDER BY id LIMIT 1"), StringComparison.Ordinal);

        // The owner writes: the window is open again; the held replies go first, in order, then the new one.
        wire.Outside.Clear();
        await WriteAsync(fixture, Ani, "150 juta");
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM outbox WHERE held_since IS NOT NULL"));
        await DrainAsync(dispatcher);

        var sent = wire.Attempts.Skip(1).Select(m => m.Message.Text).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Contains("Nama usaha Anda?", sent[0], StringComparison.Ordinal);
        Assert.Contains("Omzet setahun?", sent[1], StringComparison.Ordinal);
        Assert.Contains("Punya KUR?", sent[2], StringComparison.Ordinal);
        Assert.Equal(3, Db.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = '{Ani}' AND sent_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_held_chat_does_not_hold_back_other_owners()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await WriteAsync(fixture, Ani, "/omzet");
        await WriteAsync(fixture, "6281100000002", "/omzet");
        var wire = new WindowChannel();
        wire.Outside.Add(Ani);
        using var dispatcher = Dispatcher(fixture, wire);

        await DrainAsync(dispatcher);

        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM outbox WHERE chat_id = '6281100000002' AND sent_at IS NOT NULL"));
        Assert.Equal(1, Db.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = '{Ani}' AND held_since IS NOT NULL"));
    }

    [Fact]
    public async Task A_reply_refused_while_the_owner_wrote_again_is_not_held()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await WriteAsync(fixture, Ani, "/omzet");
        var wire = new WindowChannel();
        wire.Outside.Add(Ani);

        // The refusal crosses the owner's new message: their window is open again, so nothing waits for another one.
        wire.WhileOnTheWire = async _ =>
        {
            wire.WhileOnTheWire = null;
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await WriteAsync(fixture, Ani, "Toko Ani");
        };
        using var dispatcher = Dispatcher(fixture, wire);
        await dispatcher.RunRoundAsync(CancellationToken.None);

        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM outbox WHERE held_since IS NOT NULL"));
        wire.Outside.Clear();
        await DrainAsync(dispatcher);

        Assert.Equal(2, Db.Count($"SELECT COUNT(*) FROM outbox WHERE chat_id = '{Ani}' AND sent_at IS NOT NULL"));
    }

    /// <summary>Rounds until nothing is due; a bounded number, so that a message sent again and again fails the test instead of hanging it.</summary>
    private protected static async Task DrainAsync(OutboxDispatcher dispatcher)
    {
        for (var round = 0; round < 20; round++)
        {
            if (await dispatcher.RunRoundAsync(CancellationToken.None) == OutboxDispatcher.RoundResult.Empty)
            {
                return;
            }
        }

        Assert.Fail("the outbox still had something due after 20 rounds");
    }

    private protected static Task WriteAsync(WriterFixture fixture, string chatId, string text) =>
        fixture.Writer.SubmitAsync(new InboundEnvelope(WhatsApp, chatId, Guid.NewGuid().ToString("N"), InboundMessage.FromText(text), fixture.Time.GetUtcNow()));

    private protected static OutboxDispatcher Dispatcher(WriterFixture fixture, WindowChannel wire) =>
        new(wire,
            new OutboxOptions { MaxMessagesPerSecond = 5, PerChatInterval = TimeSpan.Zero, ShutdownFlushTimeout = TimeSpan.Zero },
            fixture.Outbox,
            fixture.Writer,
            fixture.Store.Outbox,
            new OutboxSignal(),
            [new BroadcastRecipientObserver(fixture.Store.Broadcasts())],
            fixture.Time,
            new Random(11),
            NullLogger<OutboxDispatcher>.Instance);

    /// <summary>WhatsApp's window as the channel sees it: free-form messages to owners in <see cref="Outside"/> are refused with 131047.</summary>
    private protected sealed class WindowChannel : IOutboxChannel
    {
        public string Name => WhatsApp;

        public ConcurrentBag<string> Outside { get; } = [];

        public ConcurrentQueue<OutboxMessage> Attempts { get; } = new();

        public Func<OutboxMessage, Task>? WhileOnTheWire { get; set; }

        public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Attempts.Enqueue(message);
            if (WhileOnTheWire is { } meanwhile)
            {
                await meanwhile(message);
            }

            return message.Template is null && Outside.Contains(message.ChatId)
                ? new SendResult(SendOutcome.OutsideWindow, Error: "131047: (#131047) Re-engagement message (HTTP 400)")
                : SendResult.Sent("wamid." + Attempts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
