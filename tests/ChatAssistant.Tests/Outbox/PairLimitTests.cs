using System.Collections.Concurrent;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Outbox;

public sealed class PairLimitTests_Sqlite() : PairLimitTests(StorageProviderKind.Sqlite)
{
}

public sealed class PairLimitTests_Postgres() : PairLimitTests(StorageProviderKind.Postgres)
{
}

/// <summary>
/// The per-chat limit with a burst (WhatsApp's pair limit: one message per 6 s on average, short bursts allowed) and the
/// cost of a message that goes as several channel messages. The intervals are a minute, so nothing is earned back while
/// a test runs: what is asserted is the limiter's own count, not time.
/// </summary>
public abstract class PairLimitTests : StorageMatrix
{
    private protected PairLimitTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    private const string Channel = "test";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void With_a_burst_a_chat_gets_that_many_messages_at_once_and_then_waits_while_another_chat_is_untouched()
    {
        using var pacing = new OutboxPacing(new OutboxOptions { PerChatInterval = Minute, PerChatBurst = 10 });

        var granted = Enumerable.Range(0, 11).Select(_ => Take(pacing, "ani")).ToList();

        Assert.Equal([.. Enumerable.Repeat(true, 10), false], granted);
        Assert.Equal(0, pacing.ChatAllowance("ani"));
        Assert.True(Take(pacing, "budi"));
        Assert.Equal(9, pacing.ChatAllowance("budi"));
    }

    [Fact]
    public void Without_a_burst_a_chat_gets_one_message_per_interval_as_before()
    {
        using var pacing = new OutboxPacing(new OutboxOptions { PerChatInterval = Minute });

        Assert.True(Take(pacing, "ani"));
        Assert.False(Take(pacing, "ani"));
        Assert.True(Take(pacing, "budi"));
    }

    [Fact]
    public void A_message_of_several_parts_takes_as_many_of_the_chats_allowance_or_waits_for_them_all()
    {
        using var pacing = new OutboxPacing(new OutboxOptions { PerChatInterval = Minute, PerChatBurst = 4 });

        Assert.True(Take(pacing, "ani", cost: 3));
        Assert.Equal(1, pacing.ChatAllowance("ani"));
        Assert.False(Take(pacing, "ani", cost: 2));
        Assert.Equal(1, pacing.ChatAllowance("ani"));
        Assert.True(Take(pacing, "ani", cost: 1));
    }

    [Fact]
    public void A_message_of_more_parts_than_the_burst_takes_the_whole_allowance_instead_of_never_going()
    {
        using var pacing = new OutboxPacing(new OutboxOptions { PerChatInterval = Minute, PerChatBurst = 2 });

        Assert.True(Take(pacing, "ani", cost: 5));
        Assert.Equal(0, pacing.ChatAllowance("ani"));
    }

    [Fact]
    public async Task A_message_of_several_parts_takes_as_many_permits_of_the_channels_rate()
    {
        using var pacing = new OutboxPacing(new OutboxOptions { MaxMessagesPerSecond = 1000 });

        await pacing.PermitAsync(3, CancellationToken.None);
        await pacing.PermitAsync(1, CancellationToken.None);

        Assert.Equal(4, pacing.GlobalPermitsTaken);
    }

    [Fact]
    public async Task The_dispatcher_charges_a_chat_the_channels_cost_of_each_message()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await fixture.Writer.RunAsync(fixture.OutboxStore, (store, at) =>
        {
            store.Enqueue(1, Channel, "ani", OutboundMessage.Plain("first reply"), OutboxPriority.Interactive, at.ToUnixTimeMilliseconds());
            store.Enqueue(1, Channel, "ani", OutboundMessage.Plain("second reply"), OutboxPriority.Interactive, at.ToUnixTimeMilliseconds());
            store.Enqueue(1, Channel, "budi", OutboundMessage.Plain("a reply"), OutboxPriority.Interactive, at.ToUnixTimeMilliseconds());
            return true;
        });
        var wire = new ThreePartChannel();
        using var dispatcher = new OutboxDispatcher(
            wire,
            new OutboxOptions { MaxMessagesPerSecond = 200, PerChatInterval = Minute, PerChatBurst = 4, ShutdownFlushTimeout = TimeSpan.Zero },
            fixture.Outbox,
            fixture.Writer,
            fixture.OutboxStore,
            new OutboxSignal(),
            [],
            fixture.Time,
            new Random(3),
            NullLogger<OutboxDispatcher>.Instance);

        // Each message goes as three: a chat with a burst of four gets one, and its second waits for two more.
        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Equal(OutboxDispatcher.RoundResult.Throttled, await dispatcher.RunRoundAsync(CancellationToken.None));

        Assert.Equal(["a reply", "first reply"], wire.Sent.Select(m => m.Message.Text).Order(StringComparer.Ordinal));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM outbox WHERE chat_id = 'ani' AND sent_at IS NULL"));
    }

    private static bool Take(OutboxPacing pacing, string chat, int cost = 1)
    {
        using var lease = pacing.TryChat(chat, cost);
        return lease.IsAcquired;
    }

    private sealed class ThreePartChannel : IOutboxChannel
    {
        public string Name => Channel;

        public ConcurrentQueue<OutboxMessage> Sent { get; } = new();

        public int Cost(OutboxMessage message) => 3;

        public Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Sent.Enqueue(message);
            return Task.FromResult(SendResult.Sent("m" + Sent.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
