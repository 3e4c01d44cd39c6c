using System.Diagnostics;
using System.Globalization;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// A profile of the writer's work per message, stage by stage: the calls the writer makes for an inbound
/// message (with its session cache), on the same store, on one thread, with a stopwatch and the thread's
/// allocation counter read around each. Run with <c>--breakdown</c> while the writer is stopped; it shows
/// where a message's time and memory go, without the queue and the submitters around them.
/// </summary>
internal sealed class StageBreakdown(SessionStore store, OutboxStore outbox, ConversationEngine engine, SimulatedOwners owners, int sessionCacheSize, int coalesceAfter)
{
    private static readonly string[] Names = ["inbox dedup (batched)", "session (cache + touch)", "engine", "save state", "outbox reply", "begin + commit"];

    public void Run(int messages, int perTransaction, TextWriter output)
    {
        var ticks = new long[Names.Length];
        var bytes = new long[Names.Length];
        var sessions = new SessionCache(sessionCacheSize);
        var owner = 0;
        var started = Stopwatch.GetTimestamp();
        var run = started.ToString(CultureInfo.InvariantCulture);
        var ids = new List<InboundId>(perTransaction);
        var recorded = new HashSet<InboundId>();
        var seen = new List<long>(perTransaction);
        for (var done = 0; done < messages;)
        {
            var now = TimeProvider.System.GetUtcNow();
            var ms = now.ToUnixTimeMilliseconds();
            var probe = Probe.Start();
            store.Session.Begin();
            store.Session.ChangedByOthers();
            probe.Lap(ticks, bytes, 5);

            // As the writer does: the transaction's ids in one statement per 64, then whether anything is held.
            var count = Math.Min(perTransaction, messages - done);
            ids.Clear();
            recorded.Clear();
            for (var i = 0; i < count; i++)
            {
                ids.Add(new InboundId(SimulatedOwners.Channel, string.Concat("b", run, "-", (done + i).ToString(CultureInfo.InvariantCulture))));
            }

            store.RecordInbound(ids, ms, recorded);
            var anyHeld = outbox.AnyHeld();
            probe.Lap(ticks, bytes, 0);
            for (var i = 0; i < count; i++, done++)
            {
                var chatId = owners.ChatId(owner);
                var message = owners.Next(owner);
                probe = Probe.Start();
                if (!recorded.Remove(ids[i]) || (anyHeld && outbox.ReleaseHeld(SimulatedOwners.Channel, chatId, ms) < 0))
                {
                    throw new InvalidOperationException("A fresh message id was taken for a duplicate.");
                }

                probe.Lap(ticks, bytes, 0);
                if (sessions.TryGet(SimulatedOwners.Channel, chatId, out var stored))
                {
                    if (stored.NeedsLastSeen(ms))
                    {
                        seen.Add(stored.UserId);
                    }
                }
                else
                {
                    stored = store.LoadSession(SimulatedOwners.Channel, chatId, null, ms);
                }

                probe.Lap(ticks, bytes, 1);
                var reply = engine.Handle(stored.Session, message, now);
                probe.Lap(ticks, bytes, 2);
                store.SaveLater(stored, ms);
                probe.Lap(ticks, bytes, 3);
                outbox.EnqueueReply(stored.UserId, SimulatedOwners.Channel, chatId, reply, coalesceAfter, ms);
                stored.Session.AcceptChanges();
                sessions.Add(stored);
                probe.Lap(ticks, bytes, 4);
                owner = owner + 1 == owners.Count ? 0 : owner + 1;
            }

            probe = Probe.Start();
            store.TouchUsers(seen, ms);
            seen.Clear();
            probe.Lap(ticks, bytes, 1);
            store.WriteLater(ms);
            probe.Lap(ticks, bytes, 3);
            store.Session.Commit();
            probe.Lap(ticks, bytes, 5);
        }

        var total = Stopwatch.GetElapsedTime(started);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  stage breakdown ({messages:N0} msgs, {perTransaction} per transaction, the writer's calls made directly on one thread): {messages / total.TotalSeconds:N0} msgs/s"));
        for (var i = 0; i < Names.Length; i++)
        {
            var micros = ticks[i] * 1_000_000.0 / Stopwatch.Frequency / messages;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {Names[i],-24} {micros,7:F2} µs/msg {bytes[i] / (double)messages,7:N0} B/msg"));
        }
    }

    /// <summary>The time and this thread's allocations since the last lap.</summary>
    private struct Probe
    {
        private long _ticks;
        private long _bytes;

        public static Probe Start() => new() { _ticks = Stopwatch.GetTimestamp(), _bytes = GC.GetAllocatedBytesForCurrentThread() };

        public void Lap(long[] ticks, long[] bytes, int stage)
        {
            var nowTicks = Stopwatch.GetTimestamp();
            var nowBytes = GC.GetAllocatedBytesForCurrentThread();
            ticks[stage] += nowTicks - _ticks;
            bytes[stage] += nowBytes - _bytes;
            _ticks = nowTicks;
            _bytes = nowBytes;
        }
    }
}
