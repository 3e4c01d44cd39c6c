using System.Diagnostics;
using System.Globalization;
using ChatAssistant.Channels;
using ChatAssistant.Conversations;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// Drives simulated owners through the real writer: each message is an <see cref="InboundEnvelope"/> handed to
/// <see cref="ConversationWriter.SubmitAsync"/> exactly as a channel hands it over, and its latency runs from
/// that hand-over (receipt) to the moment the submitter sees it committed with its reply in the outbox. With several
/// writers (replicas on one shared database) each message goes to the next writer in turn, as a proxy spreads
/// webhook posts, so one owner's consecutive messages meet different replicas.
/// </summary>
internal sealed class FullPathRun(IReadOnlyList<ConversationWriter> writers, SimulatedOwners owners)
{
    private long _sequence;
    private long _turn;

    public FullPathRun(ConversationWriter writer, SimulatedOwners owners)
        : this([writer], owners)
    {
    }

    private ConversationWriter NextWriter() =>
        writers.Count == 1 ? writers[0] : writers[(int)((ulong)Interlocked.Increment(ref _turn) % (ulong)writers.Count)];

    /// <summary>
    /// As fast as the pipeline goes: <paramref name="concurrency"/> submitters, each owning a fixed share of the
    /// owners and sending for the next one as soon as the previous reply is committed (a closed loop).
    /// </summary>
    public async Task<PhaseResult> RunClosedLoopAsync(int messages, int concurrency)
    {
        concurrency = Math.Clamp(concurrency, 1, owners.Count);
        var latencies = new long[messages];
        var state = new ClosedLoopState();
        var gc = GcActivity.Now();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var submitters = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            submitters[i] = SubmitterAsync(i, concurrency, state, latencies);
        }

        await Task.WhenAll(submitters).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return new PhaseResult(messages, elapsed, latencies, allocatedBytes, state.Failures, 0, GcActivity.Now() - gc);
    }

    private async Task SubmitterAsync(int first, int stride, ClosedLoopState state, long[] latencies)
    {
        await Task.Yield(); // start every submitter before any of them runs
        var owner = first;
        while (true)
        {
            var index = Interlocked.Increment(ref state.Issued) - 1;
            if (index >= latencies.Length)
            {
                return;
            }

            var envelope = Envelope(owner);
            var start = Stopwatch.GetTimestamp();
            var handled = await NextWriter().SubmitAsync(envelope).ConfigureAwait(false);
            latencies[index] = Stopwatch.GetTimestamp() - start;
            if (handled.Status != HandledStatus.Answered)
            {
                Interlocked.Increment(ref state.Failures);
            }

            owner += stride;
            if (owner >= owners.Count)
            {
                owner = first;
            }
        }
    }

    /// <summary>
    /// Open loop at a steady <paramref name="rate"/> messages per second, round-robin over the owners, from a
    /// pacing thread that does not wait for replies (so a slow commit cannot slow the arrivals down and hide
    /// its own latency).
    /// </summary>
    public async Task<PhaseResult> RunFixedRateAsync(int messages, int rate)
    {
        var latencies = new long[messages];
        var inFlight = new int[owners.Count];
        var state = new FixedRateState();
        var gc = GcActivity.Now();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var pacer = new Thread(() => Pace(messages, rate, started, inFlight, latencies, state))
        {
            IsBackground = true,
            Name = "load pacer",
        };
        pacer.Start();
        await state.AllDone.Task.ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        pacer.Join();
        var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return new PhaseResult(messages, elapsed, latencies, allocatedBytes, state.Failures, state.Late, GcActivity.Now() - gc);
    }

    private void Pace(int messages, int rate, long started, int[] inFlight, long[] latencies, FixedRateState state)
    {
        var lateTicks = Stopwatch.Frequency / 1000; // a message sent more than 1 ms after its time counts as late
        var owner = 0;
        var sent = 0;
        while (sent < messages)
        {
            var elapsed = Stopwatch.GetTimestamp() - started;
            var due = (int)Math.Min(messages, (elapsed * rate / Stopwatch.Frequency) + 1);
            for (; sent < due; sent++)
            {
                // With thousands of owners and one message each every few seconds, the next owner is free; the
                // scan is only a guard so that no owner ever has two messages in flight.
                var tries = 0;
                while (Volatile.Read(ref inFlight[owner]) != 0 && tries++ < owners.Count)
                {
                    owner = owner + 1 == owners.Count ? 0 : owner + 1;
                }

                if (tries > owners.Count)
                {
                    break; // every owner is waiting for a reply: the pipeline is saturated; try again next tick
                }

                if (elapsed - (sent * Stopwatch.Frequency / rate) > lateTicks)
                {
                    state.Late++;
                }

                inFlight[owner] = 1;
                _ = SendOneAsync(owner, sent, inFlight, latencies, state);
                owner = owner + 1 == owners.Count ? 0 : owner + 1;
            }

            Thread.Sleep(1);
        }
    }

    private async Task SendOneAsync(int owner, int index, int[] inFlight, long[] latencies, FixedRateState state)
    {
        var envelope = Envelope(owner);
        var start = Stopwatch.GetTimestamp();
        try
        {
            var handled = await NextWriter().SubmitAsync(envelope).ConfigureAwait(false);
            latencies[index] = Stopwatch.GetTimestamp() - start;
            if (handled.Status != HandledStatus.Answered)
            {
                Interlocked.Increment(ref state.Failures);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            latencies[index] = Stopwatch.GetTimestamp() - start;
            Interlocked.Increment(ref state.Failures);
        }
        finally
        {
            Volatile.Write(ref inFlight[owner], 0);
            if (Interlocked.Increment(ref state.Completed) == latencies.Length)
            {
                state.AllDone.TrySetResult();
            }
        }
    }

    private InboundEnvelope Envelope(int owner)
    {
        // What a channel builds for each update: its own id for the message (the dedup key) and the neutral message.
        var id = string.Create(CultureInfo.InvariantCulture, $"f{Interlocked.Increment(ref _sequence)}");
        return new InboundEnvelope(SimulatedOwners.Channel, owners.ChatId(owner), id, owners.Next(owner), TimeProvider.System.GetUtcNow());
    }

    private sealed class ClosedLoopState
    {
        public int Issued;
        public int Failures;
    }

    private sealed class FixedRateState
    {
        public int Completed;
        public int Failures;
        public long Late;

        public TaskCompletionSource AllDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
