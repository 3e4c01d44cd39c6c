using System.Diagnostics;
using System.Globalization;
using ChatAssistant.Channels;
using ChatAssistant.Conversations;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// Owners chatting while a broadcast goes out: messages arrive at a steady total rate (a Poisson process with a
/// fixed seed, so bursts happen as they do with real people, and the same ones on every run), each from an owner
/// not waiting for a reply, handed to <see cref="ConversationWriter.SubmitAsync"/> as a channel hands it over.
/// An owner waits until the channel has delivered the reply before their next message, as a person does.
/// </summary>
internal sealed class ChatDuringBroadcast(ConversationWriter writer, SimulatedOwners owners, FakeWire wire)
{
    /// <summary>A reply not delivered by then counts as lost (the run then fails); far above any latency measured.</summary>
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly List<ReplyTiming> _replies = [];
    private readonly List<string> _problems = [];
    private long _sequence;
    private int _failures;

    public async Task<ChatRunResult> RunAsync(double rate, TimeSpan duration)
    {
        var arrivals = Arrivals(rate, duration);
        var inFlight = new int[owners.Count];
        var turns = new List<Task>(arrivals.Count);
        var noFreeOwner = 0;
        var owner = 0;
        var started = Stopwatch.GetTimestamp();
        foreach (var at in arrivals)
        {
            // Pacing only: each latency is measured from the moment its message is handed over, not from here.
            var wait = at - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait).ConfigureAwait(false);
            }

            var tries = 0;
            while (Volatile.Read(ref inFlight[owner]) != 0 && tries++ < owners.Count)
            {
                owner = owner + 1 == owners.Count ? 0 : owner + 1;
            }

            if (tries > owners.Count)
            {
                noFreeOwner++; // every owner is still waiting for a reply: this arrival is dropped, and counted
                continue;
            }

            inFlight[owner] = 1;
            turns.Add(TurnAsync(owner, inFlight));
            owner = owner + 1 == owners.Count ? 0 : owner + 1;
        }

        await Task.WhenAll(turns).ConfigureAwait(false);
        lock (_replies)
        {
            return new ChatRunResult(turns.Count, [.. _replies], _failures, noFreeOwner, [.. _problems]);
        }
    }

    /// <summary>Arrival times from the start: exponential gaps with mean 1/<paramref name="rate"/>.</summary>
    private static List<TimeSpan> Arrivals(double rate, TimeSpan duration)
    {
        var random = new Random(42);
        var arrivals = new List<TimeSpan>();
        var at = 0.0;
        while (true)
        {
            at += -Math.Log(1 - random.NextDouble()) / rate;
            if (at >= duration.TotalSeconds)
            {
                return arrivals;
            }

            arrivals.Add(TimeSpan.FromSeconds(at));
        }
    }

    private async Task TurnAsync(int owner, int[] inFlight)
    {
        await Task.Yield(); // the pacer goes on at once; the turn runs on the pool
        var id = string.Create(CultureInfo.InvariantCulture, $"b{Interlocked.Increment(ref _sequence)}");
        var envelope = new InboundEnvelope(SimulatedOwners.Channel, owners.ChatId(owner), id, owners.Next(owner), TimeProvider.System.GetUtcNow());
        var submitted = Stopwatch.GetTimestamp();
        try
        {
            var handled = await writer.SubmitAsync(envelope).ConfigureAwait(false);
            var committed = Stopwatch.GetTimestamp();
            if (handled.Status != HandledStatus.Answered || handled.OutboxId <= 0)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"message {id} from {envelope.ChatId}: {handled.Status}, no reply"));
                return;
            }

            var sent = await wire.ReplySentAsync(handled.OutboxId).WaitAsync(ReplyTimeout).ConfigureAwait(false);
            wire.Forget(handled.OutboxId);
            if (sent.ChatId != envelope.ChatId)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"the reply to {id} (outbox {handled.OutboxId}) went to chat {sent.ChatId}, not {envelope.ChatId}"));
                return;
            }

            lock (_replies)
            {
                _replies.Add(new ReplyTiming(submitted, committed, sent.StartedAt, sent.EndedAt));
            }
        }
        catch (TimeoutException)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"the reply to {id} from {envelope.ChatId} was not sent within {ReplyTimeout.TotalSeconds:N0} s"));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"message {id} from {envelope.ChatId}: {ex.GetType().Name}: {ex.Message}"));
        }
        finally
        {
            Volatile.Write(ref inFlight[owner], 0);
        }
    }

    private void Fail(string problem)
    {
        lock (_replies)
        {
            _failures++;
            _problems.Add(problem);
        }
    }
}
