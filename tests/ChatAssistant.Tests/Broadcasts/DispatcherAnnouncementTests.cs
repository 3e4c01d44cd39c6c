using System.Collections.Concurrent;
using ChatAssistant.Broadcasts;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using ChatAssistant.Storage;

namespace ChatAssistant.Tests.Broadcasts;

public abstract class DispatcherAnnouncementTests : IDisposable
{
    private const string Channel = "test";

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected DispatcherAnnouncementTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    private StorageTarget Db => _target;

    [Fact]
    public async Task An_announcement_claimed_before_a_crash_is_marked_uncertain_at_start_and_never_sent()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        owners.Add("ani", channel: Channel);
        owners.Add("budi", channel: Channel);
        var id = await FeederHost.CreateAsync(fixture);
        await FeederHost.Create(fixture, Channel).FeedOnceAsync();
        Assert.True(await FeederHost.ClaimAsync(fixture, Db, "ani")); // then the worker died mid-send
        var wire = new RecordingChannel();

        using (var dispatcher = Dispatcher(fixture, wire))
        {
            // The check runs before the first round, so once budi's is sent, ani's has been decided.
            await dispatcher.StartAsync(CancellationToken.None);
            await WaitUntilAsync(() => owners.RecipientStatus(id, "budi") == "sent");
            await dispatcher.StopAsync(CancellationToken.None);
        }

        Assert.Equal(["budi"], wire.Attempts.Select(m => m.ChatId));
        Assert.Equal("uncertain", owners.RecipientStatus(id, "ani"));
        Assert.Equal(1, Sql.Count(Db, "SELECT COUNT(*) FROM outbox WHERE chat_id = 'ani' AND failed_at IS NOT NULL AND sent_at IS NULL"));
    }

    [Fact]
    public async Task A_reply_goes_out_before_announcements_queued_earlier()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        new Owners(Db).Add("ani", channel: Channel);
        await FeederHost.CreateAsync(fixture);
        await FeederHost.Create(fixture, Channel).FeedOnceAsync();
        await fixture.SendAsync("budi", "/omzet"); // the reply is written after the announcement
        var wire = new RecordingChannel();

        // Five a second: one message a round, so the order between rounds is the order of the outbox.
        using var dispatcher = Dispatcher(fixture, wire, messagesPerSecond: 5);
        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Equal(OutboxDispatcher.RoundResult.Empty, await dispatcher.RunRoundAsync(CancellationToken.None));

        Assert.Equal(["budi", "ani"], wire.Attempts.Select(m => m.ChatId));
        Assert.Equal([OutboxPriority.Interactive, OutboxPriority.Broadcast], wire.Attempts.Select(m => m.Priority));
    }

    [Fact]
    public async Task An_announcement_refused_with_429_is_released_and_sent_once_after_the_pause()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        owners.Add("ani", channel: Channel);
        var id = await FeederHost.CreateAsync(fixture);
        await FeederHost.Create(fixture, Channel).FeedOnceAsync();
        var wire = new RecordingChannel { Answer = attempt => attempt == 1 ? new SendResult(SendOutcome.RateLimited, RetryAfter: TimeSpan.FromSeconds(30)) : SendResult.Sent("m1") };
        using var dispatcher = Dispatcher(fixture, wire);

        await dispatcher.RunRoundAsync(CancellationToken.None);
        Assert.Equal("queued", owners.RecipientStatus(id, "ani"));
        Assert.Equal(1, Sql.Count(Db, "SELECT COUNT(*) FROM outbox WHERE chat_id = 'ani' AND sending_since IS NULL AND sent_at IS NULL AND failed_at IS NULL"));

        // The next round waits out retry_after on the clock, then sends.
        var round = dispatcher.RunRoundAsync(CancellationToken.None);
        Assert.False(round.IsCompleted);
        fixture.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await round);
        Assert.Equal(OutboxDispatcher.RoundResult.Empty, await dispatcher.RunRoundAsync(CancellationToken.None));

        Assert.Equal(2, wire.Attempts.Count);
        Assert.Equal("sent", owners.RecipientStatus(id, "ani"));
        Assert.Equal(1, Sql.Count(Db, "SELECT COUNT(*) FROM outbox WHERE chat_id = 'ani' AND sent_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_recipient_who_blocked_the_assistant_is_marked_blocked_and_unreachable()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        owners.Add("ani", channel: Channel);
        owners.Add("budi", channel: Channel);
        var id = await FeederHost.CreateAsync(fixture);
        await FeederHost.Create(fixture, Channel).FeedOnceAsync();
        var wire = new RecordingChannel { Answer = _ => SendResult.Sent("m") };
        wire.Blocked.Add("ani");
        using var dispatcher = Dispatcher(fixture, wire);

        await dispatcher.RunRoundAsync(CancellationToken.None);

        Assert.Equal("blocked", owners.RecipientStatus(id, "ani"));
        Assert.Equal("sent", owners.RecipientStatus(id, "budi"));
        Assert.Equal(1, Sql.Count(Db, "SELECT COUNT(*) FROM users WHERE chat_id = 'ani' AND unreachable_at IS NOT NULL"));
        Assert.Equal(OutboxDispatcher.RoundResult.Empty, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Single(wire.Attempts, m => m.ChatId == "ani");
    }

    [Fact]
    public async Task An_owner_who_blocks_the_assistant_on_the_channel_has_the_announcements_waiting_for_them_marked_blocked()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        owners.Add("ani", channel: Channel);
        owners.Add("budi", channel: Channel);
        var id = await FeederHost.CreateAsync(fixture);
        await FeederHost.Create(fixture, Channel).FeedOnceAsync();
        var inbox = new ChannelInbox(fixture.Writer, fixture.Sessions, fixture.OutboxStore, new DeliveryStore(fixture.Session), fixture.Outbox,
            new ConversationEngine(DialogLoader.Load([]).Catalog), [new BroadcastRecipientObserver(fixture.Store.Broadcasts())]);

        // The channel reports that ani blocked the assistant (Telegram's my_chat_member "kicked") before any send.
        await inbox.RecordMembershipAsync(Channel, "ani", reachable: false, position: null, CancellationToken.None);

        Assert.Equal("blocked", owners.RecipientStatus(id, "ani"));
        Assert.Equal("queued", owners.RecipientStatus(id, "budi"));
        Assert.Equal(1, Sql.Count(Db, "SELECT COUNT(*) FROM outbox WHERE chat_id = 'ani' AND failed_at IS NOT NULL AND error = 'unreachable'"));
        Assert.Equal(1, Sql.Count(Db, "SELECT COUNT(*) FROM users WHERE chat_id = 'ani' AND unreachable_at IS NOT NULL"));
    }

    /// <summary>
    /// An announcement on the wire when its broadcast is cancelled, or when its owner sends /berhenti, is left alone
    /// (it may be delivered). If the channel then answers 429 (or a passing fault), it is not sent later: the
    /// recipient ends 'cancelled' / 'opted_out' and the outbox row is taken back.
    /// </summary>
    [Theory]
    [InlineData("cancel")]
    [InlineData("opt-out")]
    public async Task An_announcement_refused_with_429_after_its_cancel_or_opt_out_is_not_sent_later(string what)
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        var ani = owners.Add("ani", channel: Channel);
        var id = await FeederHost.CreateAsync(fixture);
        await FeederHost.Create(fixture, Channel).FeedOnceAsync();
        var wire = new RecordingChannel { Answer = attempt => attempt == 1 ? new SendResult(SendOutcome.RateLimited, RetryAfter: TimeSpan.FromSeconds(30)) : SendResult.Sent("m1") };
        wire.WhileOnTheWire = async _ =>
        {
            wire.WhileOnTheWire = null;
            await fixture.RunAsync((store, now) =>
            {
                if (what == "cancel")
                {
                    store.CancelBroadcast(id, now.ToUnixTimeMilliseconds());
                }
                else
                {
                    store.Broadcasts().SetOptedOut(ani, true, now.ToUnixTimeMilliseconds());
                }

                return true;
            });
        };
        using var dispatcher = Dispatcher(fixture, wire);

        await dispatcher.RunRoundAsync(CancellationToken.None);
        var round = dispatcher.RunRoundAsync(CancellationToken.None);
        fixture.Time.Advance(TimeSpan.FromSeconds(30));
        await round;
        await dispatcher.RunRoundAsync(CancellationToken.None);

        Assert.Single(wire.Attempts); // fails today: a second attempt goes out, and succeeds
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM outbox WHERE chat_id = 'ani' AND sent_at IS NOT NULL"));
    }

    private static OutboxDispatcher Dispatcher(WriterFixture fixture, RecordingChannel wire, int messagesPerSecond = 25) =>
        new(wire,
            new OutboxOptions { MaxMessagesPerSecond = messagesPerSecond, PerChatInterval = TimeSpan.Zero, ShutdownFlushTimeout = TimeSpan.Zero },
            fixture.Outbox,
            fixture.Writer,
            fixture.Store.Outbox,
            new OutboxSignal(),
            [new BroadcastRecipientObserver(fixture.Store.Broadcasts())],
            fixture.Time,
            new Random(11),
            NullLogger<OutboxDispatcher>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // The dispatcher's own loop runs on real time here (it is started, not driven round by round).
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }

    /// <summary>The wire: records every attempt; answers Sent unless told otherwise (by attempt number, or 403 for a chat).</summary>
    private sealed class RecordingChannel : IOutboxChannel
    {
        private int _attempts;

        public string Name => Channel;

        public ConcurrentQueue<OutboxMessage> Attempts { get; } = new();

        public ConcurrentBag<string> Blocked { get; } = [];

        public Func<int, SendResult>? Answer { get; init; }

        /// <summary>Runs while a message is on the wire, before the channel answers (what others do meanwhile).</summary>
        public Func<OutboxMessage, Task>? WhileOnTheWire { get; set; }

        public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Attempts.Enqueue(message);
            var attempt = Interlocked.Increment(ref _attempts);
            if (WhileOnTheWire is { } meanwhile)
            {
                await meanwhile(message);
            }

            return Blocked.Contains(message.ChatId)
                ? new SendResult(SendOutcome.Blocked, Error: "Forbidden: bot was blocked by the user")
                : Answer?.Invoke(attempt) ?? SendResult.Sent("m" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

public sealed class DispatcherAnnouncementTests_Sqlite() : DispatcherAnnouncementTests(StorageProviderKind.Sqlite);

public sealed class DispatcherAnnouncementTests_Postgres() : DispatcherAnnouncementTests(StorageProviderKind.Postgres);
