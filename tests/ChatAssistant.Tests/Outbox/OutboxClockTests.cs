using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Outbox;

public sealed class OutboxClockTests_Sqlite() : OutboxClockTests(StorageProviderKind.Sqlite)
{
}

public sealed class OutboxClockTests_Postgres() : OutboxClockTests(StorageProviderKind.Postgres)
{
}

/// <summary>The sender's waits follow the clock and the randomness it is given, so a test can fix both.</summary>
public abstract class OutboxClockTests : StorageMatrix
{
    private protected OutboxClockTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    private const string Channel = "test";

    [Fact]
    public async Task A_passing_fault_is_tried_again_at_the_clocks_time_plus_a_doubling_backoff_with_the_given_jitter()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        fixture.Time.Advance(TimeSpan.FromDays(3)); // far from the real time: only the fake clock gives these times
        await fixture.Writer.RunAsync(fixture.OutboxStore, (store, at) =>
            store.Enqueue(1, Channel, "ani", OutboundMessage.Plain("Halo!"), OutboxPriority.Interactive, at.ToUnixTimeMilliseconds()));
        var wire = new Wire { Answer = new SendResult(SendOutcome.Transient, Error: "502 Bad Gateway") };

        // Jitter 0.25 scales every wait by 0.8 + 0.25 * 0.4 = 0.9: 4 s, then 8 s, become 3.6 s and 7.2 s.
        using var dispatcher = Dispatcher(fixture, wire, new FixedJitter(0.25), flushTimeout: TimeSpan.Zero);
        var first = fixture.Time.GetUtcNow();
        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Equal((first + TimeSpan.FromSeconds(3.6)).ToUnixTimeMilliseconds(), NotBefore("ani"));

        Assert.Equal(OutboxDispatcher.RoundResult.Empty, await dispatcher.RunRoundAsync(CancellationToken.None));
        fixture.Time.Advance(TimeSpan.FromSeconds(3.6));
        var second = fixture.Time.GetUtcNow();
        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Equal((second + TimeSpan.FromSeconds(7.2)).ToUnixTimeMilliseconds(), NotBefore("ani"));
        Assert.Equal(2, wire.Attempts);
    }

    [Fact]
    public async Task The_shutdown_flush_cuts_the_send_on_the_wire_when_the_clock_reaches_its_deadline_and_leaves_the_message_waiting()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await fixture.Writer.RunAsync(fixture.OutboxStore, (store, at) =>
            store.Enqueue(1, Channel, "ani", OutboundMessage.Plain("Halo!"), OutboxPriority.Interactive, at.ToUnixTimeMilliseconds()));
        var wire = new Wire { Hang = true };
        using var dispatcher = Dispatcher(fixture, wire, new FixedJitter(0.5), flushTimeout: TimeSpan.FromMinutes(1));

        // What the dispatcher does once stopping: its one send hangs on the wire.
        var stopped = dispatcher.FlushAsync();
        await wire.OnTheWire.Task.WaitAsync(TimeSpan.FromSeconds(30));

        fixture.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(stopped.IsCompleted, "the flush ended before its deadline on the clock");

        // A minute on the clock, not a real minute: the deadline cuts the send and the flush ends at once.
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await stopped.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, wire.Attempts);
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM outbox WHERE chat_id = 'ani' AND sent_at IS NULL AND failed_at IS NULL"));
    }

    private long NotBefore(string chat) => Db.Count($"SELECT not_before FROM outbox WHERE chat_id = '{chat}'");

    private static OutboxDispatcher Dispatcher(WriterFixture fixture, Wire wire, Random random, TimeSpan flushTimeout) =>
        new(wire,
            new OutboxOptions { PerChatInterval = TimeSpan.Zero, InitialBackoff = TimeSpan.FromSeconds(4), ShutdownFlushTimeout = flushTimeout },
            fixture.Outbox,
            fixture.Writer,
            fixture.OutboxStore,
            new OutboxSignal(),
            [],
            fixture.Time,
            random,
            NullLogger<OutboxDispatcher>.Instance);

    /// <summary>Jitter that is always the same draw.</summary>
    private sealed class FixedJitter(double draw) : Random
    {
        public override double NextDouble() => draw;

        protected override double Sample() => draw;
    }

    /// <summary>Answers every send the same way, or hangs until the send is cut off.</summary>
    private sealed class Wire : IOutboxChannel
    {
        private int _attempts;

        public string Name => Channel;

        public SendResult Answer { get; init; } = SendResult.Sent("m");

        public bool Hang { get; init; }

        public TaskCompletionSource OnTheWire { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Attempts => Volatile.Read(ref _attempts);

        public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            OnTheWire.TrySetResult();
            if (Hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return Answer;
        }
    }
}
