using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using ChatAssistant.Benchmarks.Support;
using ChatAssistant.Broadcasts;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// The broadcast mode of the load harness (<c>load --broadcast N</c>): the real writer, store, outbox reader,
/// dispatcher and broadcast feeder, wired as the worker wires them for Telegram, send an announcement to N owners
/// at the channel's rate through a simulated channel (<see cref="FakeWire"/>), while other owners chat. It
/// measures what those owners wait for each reply, and what the channel sees (sends in every one-second window).
/// Unlike the throughput modes it fails (exit 1) when the issue's target is missed: p99 under a second.
/// </summary>
internal static class BroadcastHarness
{
    /// <summary>The province the seeder gives every owner; the broadcast's segment, so the chatting owners (moved out of it) get no announcement.</summary>
    private const string RecipientProvince = "Jawa Barat";

    private const string ChattingProvince = "Jawa Tengah";

    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public static Task<int> RunAsync(BroadcastSettings settings, TextWriter output) =>
        ScratchFolder.RunInAsync(settings.Folder, "chatassistant-broadcast-", "broadcast.db", settings.Keep, output, folder => RunInAsync(settings, folder, output));

    private static async Task<int> RunInAsync(BroadcastSettings s, string folder, TextWriter output)
    {
        PrintHeader(output, s);
        var path = Path.Combine(folder, "broadcast.db");
        var stored = s.Recipients + s.Chatting;
        var started = Stopwatch.GetTimestamp();
        if (await SeedVerb.RunChildAsync(path, stored).ConfigureAwait(false) is { } seedError)
        {
            output.WriteLine("FAILED: seeding the database: " + seedError);
            return 1;
        }

        output.WriteLine(Invariant($"seed: {stored:N0} owners stored in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));

        // The chatting owners are the most recently registered ones (as in the other modes), the recipients all the others.
        var owners = new SimulatedOwners(stored, s.Chatting, OwnerLayout.Recent);
        var provider = new SqliteProvider(path, BusyTimeout, TimeProvider.System, new Random(), NullLogger.Instance);
        using var session = new WriteSession(provider, TimeProvider.System);
        var outboxStore = new OutboxStore(session);
        MoveChattersOutOfTheSegment((SqliteConnection)session.Connection, s.Recipients);

        // Constructed as the worker constructs them (Hosting/AssistantServices.cs, Hosting/WorkerHost.cs,
        // Broadcasts/BroadcastServices.cs), with the simulated channel in place of Telegram.
        var signal = new OutboxSignal();
        var writer = new ConversationWriter(new SessionStore(session), outboxStore, new DialogVersionStore(session), new ConversationEngine(BenchDialog.Catalog()), signal, TimeProvider.System,
            new Random(), Options.Create(new ConversationOptions()), NullLogger<ConversationWriter>.Instance);
        using var reader = new OutboxReader(provider);
        var outbox = new OutboxOptions { MaxMessagesPerSecond = s.SendRate, PerChatInterval = TimeSpan.FromSeconds(1) };
        var wire = new FakeWire(s.Wire);
        var broadcasts = new BroadcastStore(session);
        var dispatcher = new OutboxDispatcher(wire, outbox, reader, writer, outboxStore, signal, [new BroadcastRecipientObserver(broadcasts)], TimeProvider.System, new Random(), NullLogger<OutboxDispatcher>.Instance);

        // Quiet hours off (start == end): every owner may receive the announcement now, whatever the time of day of the run.
        var broadcastOptions = new BroadcastOptions { QuietHoursStart = TimeSpan.Zero, QuietHoursEnd = TimeSpan.Zero };
        var feeder = new BroadcastFeeder(SimulatedOwners.Channel, outbox, broadcastOptions, writer, broadcasts, TimeProvider.System, new Random(), NullLogger<BroadcastFeeder>.Instance);

        var problems = new List<string>();
        ChatRunResult chat;
        long measureStart;
        long measureEnd;
        int recipients;
        (BroadcastStatus PreviousStatus, int Cancelled)? left;
        MachineLoad? loadBefore;
        MachineLoad? loadAfter;
        await writer.StartAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var draft = new BroadcastDraft(
                "Pelatihan pemasaran digital gratis untuk UMKM dibuka minggu depan. Daftar lewat menu Pelatihan.",
                "Free digital marketing training for small businesses opens next week. Register from the Training menu.",
                Button: null,
                BroadcastSegment.Everyone with { Provinces = [RecipientProvince] },
                CreatedBy: "load harness",
                ScheduledAt: null);
            long broadcastId;
            (broadcastId, recipients) = await writer.RunAsync(broadcasts, (broadcasts, now) =>
            {
                // Due now, so it starts in this transaction: its recipient list is fixed here.
                var id = broadcasts.CreateBroadcast(draft, now.ToUnixTimeMilliseconds());
                return (id, broadcasts.PreviewSegment(draft.Segment, 0).Count);
            }).ConfigureAwait(false);

            await dispatcher.StartAsync(CancellationToken.None).ConfigureAwait(false);
            await feeder.StartAsync(CancellationToken.None).ConfigureAwait(false);

            // Not a measurement: the broadcast reaches its steady rate (queue topped up, JIT done) before owners chat.
            await Task.Delay(s.Warmup).ConfigureAwait(false);

            loadBefore = MachineLoad.Read();
            measureStart = Stopwatch.GetTimestamp();
            chat = await new ChatDuringBroadcast(writer, owners, wire).RunAsync(s.ChatRate, s.Duration).ConfigureAwait(false);
            measureEnd = Stopwatch.GetTimestamp();
            loadAfter = MachineLoad.Read();

            // Recipients still waiting here prove the broadcast kept the channel saturated for the whole run.
            left = await writer.RunAsync(broadcasts, (broadcasts, now) => broadcasts.CancelBroadcast(broadcastId, now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        }
        finally
        {
            // Reverse order of start, as the host stops them: nothing is fed, the sender finishes what is on the wire, then the writer.
            await feeder.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await dispatcher.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await writer.StopAsync(CancellationToken.None).ConfigureAwait(false);
            feeder.Dispose();
            dispatcher.Dispose();
            writer.Dispose();
        }

        var sends = wire.Sends.ToArray();
        var measured = TimeSpan.FromSeconds((measureEnd - measureStart) / (double)Stopwatch.Frequency);
        var announcementsMeasured = sends.Count(x => x.Priority == OutboxPriority.Broadcast && x.StartedAt >= measureStart && x.StartedAt < measureEnd);
        var announcementsAll = sends.Count(x => x.Priority == OutboxPriority.Broadcast);
        var sendsMeasured = sends.Count(x => x.StartedAt >= measureStart && x.StartedAt < measureEnd);
        var maxWindow = SendWindow.MaxPerSecond(sends.Select(x => x.StartedAt));
        var maxAnnouncementWindow = SendWindow.MaxPerSecond(sends.Where(x => x.Priority == OutboxPriority.Broadcast).Select(x => x.StartedAt));
        var bursts = SendBursts.Of(sends.Where(x => x.StartedAt >= measureStart && x.StartedAt < measureEnd).Select(x => x.StartedAt));
        var latency = LatencySummary.FromTicks([.. chat.Replies.Select(r => r.Total)]);
        var commit = LatencySummary.FromTicks([.. chat.Replies.Select(r => r.Commit)]);
        var dispatch = LatencySummary.FromTicks([.. chat.Replies.Select(r => r.Dispatch)]);
        var onWire = LatencySummary.FromTicks([.. chat.Replies.Select(r => r.Wire)]);

        output.WriteLine(Invariant($"broadcast: {recipients:N0} recipients; {announcementsMeasured:N0} announcements sent in the measured {measured.TotalSeconds:F1} s = {announcementsMeasured / measured.TotalSeconds:F1} msgs/s (configured {s.SendRate}); {announcementsAll:N0} sent in all, {left?.Cancelled ?? 0:N0} still waiting at the end (cancelled)"));
        output.WriteLine(Invariant($"channel: {sendsMeasured / measured.TotalSeconds:F1} sends/s in the measured time (replies and announcements share the limit); at most {maxWindow} sends in any 1-second window ({maxAnnouncementWindow} announcements), limit {s.SendRate}: {(maxWindow <= s.SendRate ? "within" : "EXCEEDED")}"));
        output.WriteLine(Invariant($"sending: in bursts (sends starting within 20 ms of each other) of {bursts.MeanSize:F1} on average, one every {bursts.MeanPeriodMs:F0} ms; longest pause between two sends {bursts.LongestPauseMs:F0} ms"));
        output.WriteLine(Invariant($"owners: {chat.Messages:N0} messages at {chat.Messages / s.Duration.TotalSeconds:F1} msgs/s from {s.Chatting:N0} owners, {chat.Replies.Count:N0} replies delivered{(chat.NoFreeOwner > 0 ? Invariant($", {chat.NoFreeOwner:N0} arrivals dropped (every owner was waiting for a reply)") : string.Empty)}"));
        output.WriteLine(Invariant($"reply latency, message -> reply delivered by the channel: p50 {latency.P50:F0} ms, p95 {latency.P95:F0} ms, p99 {latency.P99:F0} ms, max {latency.Max:F0} ms"));
        output.WriteLine(Invariant($"  receipt -> committed: p50 {commit.P50:F1} ms, p99 {commit.P99:F1} ms; committed -> on the wire (dispatcher): p50 {dispatch.P50:F0} ms, p99 {dispatch.P99:F0} ms; on the wire: p50 {onWire.P50:F0} ms, p99 {onWire.P99:F0} ms"));
        ReportMachineLoad(output, loadBefore, loadAfter);

        if (chat.Failures > 0)
        {
            problems.Add(Invariant($"{chat.Failures:N0} of {chat.Messages:N0} owner messages got no reply on the channel"));
            problems.AddRange(chat.Problems.Take(10));
        }

        if (recipients != s.Recipients)
        {
            problems.Add(Invariant($"the broadcast went to {recipients:N0} owners, expected {s.Recipients:N0} (every stored owner but the chatting ones)"));
        }

        if (left is not { Cancelled: > 0 })
        {
            problems.Add("the broadcast ran out before the end of the run: raise --broadcast so that it saturates the send rate throughout");
        }

        if (announcementsMeasured == 0)
        {
            problems.Add("no announcement was sent while the owners chatted");
        }

        foreach (var twice in sends.GroupBy(x => x.OutboxId).Where(g => g.Count() > 1).Take(10))
        {
            problems.Add(Invariant($"outbox message {twice.Key} was sent {twice.Count()} times"));
        }

        problems.AddRange(owners.Mismatches((SqliteConnection)session.Connection).Take(10));
        var missed = latency.P99 >= BroadcastSettings.TargetP99.TotalMilliseconds || chat.Replies.Count == 0;
        if (!s.Smoke && maxWindow > s.SendRate)
        {
            problems.Add(Invariant($"the channel saw {maxWindow} sends in one second; the limit is {s.SendRate}"));
        }

        var verdict = s.Smoke ? "not asserted in a smoke run" : missed ? "FAIL" : "PASS";
        output.WriteLine(Invariant($"reply latency during a {s.SendRate} msg/s broadcast: p99 {latency.P99:F0} ms (target < {BroadcastSettings.TargetP99.TotalMilliseconds:F0} ms): {verdict}"));
        if (problems.Count > 0)
        {
            foreach (var problem in problems.Take(20))
            {
                output.WriteLine("PROBLEM: " + problem);
            }

            output.WriteLine(Invariant($"FAILED: {problems.Count} problem(s)"));
            return 1;
        }

        return !s.Smoke && missed ? 1 : 0;
    }

    /// <summary>Gives the chatting owners (the last seeded) another province, outside the broadcast's segment.</summary>
    private static void MoveChattersOutOfTheSegment(SqliteConnection connection, int firstChatting)
    {
        using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE profile_values SET value = $province
            WHERE key = 'province' AND user_id IN (SELECT id FROM users WHERE channel = $channel AND CAST(chat_id AS INTEGER) >= $first)
            """;
        update.Parameters.AddWithValue("$province", "t:" + ChattingProvince);
        update.Parameters.AddWithValue("$channel", SimulatedOwners.Channel);
        update.Parameters.AddWithValue("$first", long.Parse(OwnerSeeder.ChatId(firstChatting), CultureInfo.InvariantCulture));
        update.ExecuteNonQuery();
    }

    private static void PrintHeader(TextWriter output, BroadcastSettings s)
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        output.WriteLine(Invariant($"ChatAssistant load harness, replies during a broadcast{(s.Smoke ? " (smoke)" : string.Empty)}: an announcement to {s.Recipients:N0} owners at {s.SendRate} msgs/s (one per chat per second), {s.Chatting:N0} other owners chatting at {s.ChatRate:0.##} msgs/s in all (Poisson); channel latency {s.Wire}; {s.Duration.TotalSeconds:0.#} s measured after {s.Warmup.TotalSeconds:0.#} s of broadcast"));
        output.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {memory / (1024.0 * 1024 * 1024):F1} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));
#if DEBUG
        output.WriteLine("WARNING: a Debug build; figures are only meaningful from -c Release");
#endif
    }

    private static void ReportMachineLoad(TextWriter output, MachineLoad? before, MachineLoad? after)
    {
        if (before is not { } start || after is not { } end)
        {
            output.WriteLine("machine load: not available on this system (no /proc/stat)");
            return;
        }

        var (others, stolen) = MachineLoad.Between(start, end);
        var warning = others > 0.05 || stolen > 0.05 ? " -- WARNING: the machine was not quiet" : string.Empty;
        output.WriteLine(Invariant($"machine load while measuring: other processes {others:P0} of all cores, stolen by the hypervisor {stolen:P0}{warning}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
