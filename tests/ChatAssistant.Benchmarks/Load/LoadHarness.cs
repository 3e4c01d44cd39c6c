using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using ChatAssistant.Benchmarks.Support;
using ChatAssistant.Conversations;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// One run of the load harness: seed the owners, then in each round measure the raw storage ceiling and drive
/// the full message path (writer, store, engine, SQLite, outbox), and print what it did. Timings are printed,
/// never asserted; the run fails only when the pipeline did not do what it should (a message not answered,
/// an owner at the wrong step, a reply missing from the outbox).
/// </summary>
internal static class LoadHarness
{
    public static Task<int> RunAsync(LoadSettings settings, TextWriter output) =>
        ScratchFolder.RunInAsync(settings.Folder, "chatassistant-load-", "load.db", settings.Keep, output, folder => RunInAsync(settings, folder, output));

    private static async Task<int> RunInAsync(LoadSettings s, string folder, TextWriter output)
    {
        PrintMachine(output, s);
        var problems = new List<string>();
        MeasureDialogLoad(output, problems);

        // Seed in a child process, then give the raw run a copy of its own: the same pages, no interference.
        var path = Path.Combine(folder, "load.db");
        var rawPath = Path.Combine(folder, "raw.db");
        var (seedError, seedDone) = await SeedVerb.ProvideAsync(path, s.Stored, s.SeededCache).ConfigureAwait(false);
        if (seedError is not null)
        {
            output.WriteLine("FAILED: seeding the database: " + seedError);
            return 1;
        }

        var seeded = DatabaseBytes(path);
        output.WriteLine(Invariant($"seed: {s.Stored:N0} owners {seedDone}; database {Mb(seeded)} = {seeded / (double)s.Stored:N0} bytes/owner"));
        var measureRaw = s.Rate == 0;
        if (measureRaw)
        {
            SeedVerb.CopyDurably(path, rawPath);
        }

        var owners = new SimulatedOwners(s.Stored, s.Active, s.Layout);
        using var session = new WriteSession(new SqliteProvider(path, TimeSpan.FromSeconds(30), TimeProvider.System, new Random(), NullLogger.Instance), TimeProvider.System);
        var connection = (SqliteConnection)session.Connection;
        var sessions = new SessionStore(session);
        var outbox = new OutboxStore(session);
        owners.LoadUserIds(connection);
        using var raw = measureRaw ? new RawStorageRun(rawPath) : null;
        var engine = new ConversationEngine(BenchDialog.Catalog());
        // No sender drains the outbox here, so every owner's replies would pile up and be merged (a flood's
        // treatment): merge only past what any owner sends, so that each reply keeps its row (checked below).
        // The lookup that decides it still runs for every message, so its cost is measured.
        var options = new ConversationOptions { MaxBatchSize = s.BatchSize, CoalesceRepliesAfter = 1000 };
        options.QueueCapacity = Math.Max(s.Concurrency, options.QueueCapacity);
        var writer = new ConversationWriter(sessions, outbox, new DialogVersionStore(session), engine, new OutboxSignal(), TimeProvider.System, new Random(), Options.Create(options), NullLogger<ConversationWriter>.Instance);
        await writer.StartAsync(CancellationToken.None).ConfigureAwait(false);

        var run = new FullPathRun(writer, owners);
        var rawSequence = 0L;
        var answered = 0L;
        var rawRounds = new List<PhaseResult>();
        var fullRounds = new List<PhaseResult>();
        long peak;
        bool peakReset;
        MachineLoad? loadBefore;
        MachineLoad? loadAfter;
        try
        {
            // Each round's GC pauses one by one, for the fixed-rate runs, where they set the p99. The listener starts
            // before the warm-up: setting it up compiles a hundred methods of reflection, which ran in round 1 otherwise.
            using var pauses = new GcPauses();

            // Warm-up: JIT tiers, SQLite's page caches and the writer's session cache fill before anything is measured.
            raw?.Run(owners, Math.Max(s.Warmup / 4, s.RawBatchSize), s.RawBatchSize, ref rawSequence);
            var warm = await run.RunClosedLoopAsync(WarmupMessages(s), s.Concurrency).ConfigureAwait(false);
            answered += warm.Messages - warm.Failures;
            CheckFailures("warm-up", warm, problems);
            if (s.Rate > 0)
            {
                // A steady rate is measured in a steady process: the closed loop's two seconds leave methods still
                // tiering up (each waits for 30 calls and a quiet 100 ms before it is compiled again), and their
                // compilation then ran inside round 1 on the same two cores (its p99 was 5-26 ms against 2-4 after).
                var paced = await run.RunFixedRateAsync(WarmupMessages(s), s.Rate).ConfigureAwait(false);
                answered += paced.Messages - paced.Failures;
                CheckFailures("warm-up at the rate", paced, problems);
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            peakReset = ProcessMemory.TryResetPeak();
            loadBefore = MachineLoad.Read();
            for (var round = 1; round <= s.Rounds; round++)
            {
                // Between rounds the replies go out, as a sender sends them within seconds in production: each round
                // starts with no reply waiting, in both databases, so the waiting-replies lookup walks only this round's.
                MarkRepliesSent(connection);
                raw?.MarkRepliesSent();
                raw?.PagesWritten();
                var ceiling = raw?.Run(owners, s.Messages, s.RawBatchSize, ref rawSequence);
                var rawPages = (raw?.PagesWritten() ?? 0) / (double)s.Messages;
                PagesWritten(connection);
                var (transactionsBefore, requestsBefore) = writer.Committed;
                var (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
                var roundStarted = DateTime.UtcNow;
                var full = s.Rate > 0
                    ? await run.RunFixedRateAsync(s.Messages, s.Rate).ConfigureAwait(false)
                    : await run.RunClosedLoopAsync(s.Messages, s.Concurrency).ConfigureAwait(false);
                answered += full.Messages - full.Failures;
                CheckFailures(Invariant($"round {round}"), full, problems);
                fullRounds.Add(full);
                var fullPages = PagesWritten(connection) / (double)s.Messages;
                if (ceiling is not null)
                {
                    rawRounds.Add(ceiling);
                    var (transactions, requests) = writer.Committed;
                    output.WriteLine(Invariant($"round {round}: raw storage {ceiling.PerSecond:N0} msgs/s, full path {full.PerSecond:N0} msgs/s ({full.PerSecond / ceiling.PerSecond:P0}); writer: {(requests - requestsBefore) / (double)Math.Max(1, transactions - transactionsBefore):F1} msgs per transaction; pages written per message: raw {rawPages:F2}, full {fullPages:F2}; JIT compiled {JitInfo.GetCompiledMethodCount() - jitMethods:N0} methods"));
                }
                else
                {
                    output.WriteLine(Invariant($"round {round}: full path {full.PerSecond:N0} msgs/s, p99 {LatencySummary.FromTicks([.. full.LatencyTicks]).P99:F2} ms; pages written per message {fullPages:F2}; JIT compiled {JitInfo.GetCompiledMethodCount() - jitMethods:N0} methods in {(JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:N0} ms"));
                    foreach (var line in GcPauses.Summarize(await pauses.DrainAsync(roundStarted, roundStarted + full.Elapsed).ConfigureAwait(false)))
                    {
                        output.WriteLine("  GC " + line);
                    }
                }
            }

            peak = ProcessMemory.Peak();
            loadAfter = MachineLoad.Read();
            if (s.Smoke)
            {
                // The smoke run also walks the fixed-rate code path, briefly.
                var paced = await run.RunFixedRateAsync(Math.Min(200, s.Messages), 1000).ConfigureAwait(false);
                answered += paced.Messages - paced.Failures;
                CheckFailures("fixed-rate run", paced, problems);
                output.WriteLine(Invariant($"fixed rate 1,000 msgs/s (smoke): {paced.Messages:N0} msgs answered"));
            }
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None).ConfigureAwait(false);
            writer.Dispose();
        }

        Report(output, s, rawRounds, fullRounds, peak, peakReset);
        ReportMachineLoad(output, loadBefore, loadAfter);

        if (s.Breakdown)
        {
            MarkRepliesSent(connection);
            new StageBreakdown(sessions, outbox, engine, owners, options.SessionCacheSize, options.CoalesceRepliesAfter).Run(Math.Min(s.Messages, 100_000), s.RawBatchSize, output);
            answered = -1; // the breakdown adds replies of its own; the outbox count below no longer applies
        }

        problems.AddRange(owners.Mismatches(connection).Take(10));
        CheckOutbox(connection, answered, problems);
        Checkpoint(connection);
        var after = DatabaseBytes(path);
        var handled = (s.Rate > 0 ? 2 : 1) * WarmupMessages(s) + (s.Rounds * s.Messages) + (s.Smoke ? Math.Min(200, s.Messages) : 0);
        output.WriteLine(Invariant($"database after the run: {Mb(after)} = {after / (double)s.Stored:N0} bytes/owner; {(after - seeded) / (double)handled:N0} bytes per message handled (inbox, outbox, conversations)"));

        if (problems.Count > 0)
        {
            foreach (var problem in problems.Take(20))
            {
                output.WriteLine("PROBLEM: " + problem);
            }

            output.WriteLine(Invariant($"FAILED: {problems.Count} problem(s)"));
            return 1;
        }

        output.WriteLine("check: every message answered, every active owner at the step its script expects, every reply in the outbox");
        return 0;
    }

    private static void Report(TextWriter output, LoadSettings s, List<PhaseResult> rawRounds, List<PhaseResult> fullRounds, long peak, bool peakReset)
    {
        var full = PhaseResult.Combine(fullRounds);
        var latency = LatencySummary.FromTicks(full.LatencyTicks);
        var mode = s.Rate > 0
            ? Invariant($"fixed rate {s.Rate:N0} msgs/s, round-robin over {s.Active:N0} owners")
            : Invariant($"closed loop, {Math.Min(s.Concurrency, s.Active):N0} owners with a message in flight");
        var rounds = s.Rounds == 1 ? "1 round" : Invariant($"median of {s.Rounds} rounds");
        output.WriteLine(Invariant($"full path ({mode}; writer batches up to {s.BatchSize}): {PhaseResult.MedianPerSecond(fullRounds):N0} msgs/s ({rounds} of {s.Messages:N0} msgs)"));
        if (rawRounds.Count > 0)
        {
            var rawRate = PhaseResult.MedianPerSecond(rawRounds);
            output.WriteLine(Invariant($"raw storage ceiling ({s.RawBatchSize} msgs/transaction, no engine, same owners): {rawRate:N0} msgs/s ({rounds}); {PhaseResult.Combine(rawRounds).AllocatedPerMessage:N0} B allocated/msg"));
            output.WriteLine(Invariant($"full / raw: {PhaseResult.MedianPerSecond(fullRounds) / rawRate:P0} of the raw storage ceiling"));
        }

        output.WriteLine(Invariant($"latency receipt -> reply committed ({full.Messages:N0} msgs): p50 {latency.P50:F2} ms, p95 {latency.P95:F2} ms, p99 {latency.P99:F2} ms, max {latency.Max:F2} ms"));
        if (s.Rate > 0)
        {
            output.WriteLine(Invariant($"pacing: {full.LateSends:N0} of {full.Messages:N0} messages sent more than 1 ms after their time"));
        }

        output.WriteLine(Invariant($"allocated: {full.AllocatedPerMessage:N0} B/msg (whole process: channel-side envelope, writer, engine, SQLite); GC: {full.Gc}"));
        output.WriteLine(Invariant($"working set: peak {Mb(peak)} while measuring{(peakReset ? string.Empty : " (peak since process start: clear_refs not available)")}, {Mb(ProcessMemory.Current())} at the end"));
    }

    private static void ReportMachineLoad(TextWriter output, MachineLoad? before, MachineLoad? after)
    {
        if (before is not { } start || after is not { } end)
        {
            output.WriteLine("machine load: not available on this system (no /proc/stat)");
            return;
        }

        var (others, stolen) = MachineLoad.Between(start, end);
        var warning = others > 0.05 || stolen > 0.05 ? " -- WARNING: the machine was not quiet; these figures understate the pipeline" : string.Empty;
        output.WriteLine(Invariant($"machine load while measuring: other processes {others:P0} of all cores, stolen by the hypervisor {stolen:P0}{warning}"));
    }

    /// <summary>
    /// Each warm-up (the closed loop's, and at a fixed rate the one at the rate): at least one turn of the script for every
    /// active owner. The owners move through the script together, so a shorter warm-up left steps no message had reached
    /// yet (the money question among them), and their first compilation ran inside round 1: 300 methods and a quarter of
    /// a second of JIT on the same two cores. At the rate, 20,000 messages still left about 110 methods to round 1.
    /// </summary>
    private static int WarmupMessages(LoadSettings s) => Math.Max(s.Warmup, s.Active * BenchDialog.Script.Length);

    private static void PrintMachine(TextWriter output, LoadSettings s)
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var rate = s.Rate > 0 ? Invariant($" at {s.Rate:N0} msgs/s") : string.Empty;
        output.WriteLine(Invariant($"ChatAssistant load harness{(s.Smoke ? " (smoke)" : string.Empty)}: {s.Stored:N0} owners stored, {s.Active:N0} active ({s.Layout.ToString().ToLowerInvariant()}), {s.Rounds} x {s.Messages:N0} messages{rate} (+{WarmupMessages(s):N0} warm-up{(s.Rate > 0 ? ", then as many at the rate" : string.Empty)})"));
        output.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {memory / (1024.0 * 1024 * 1024):F1} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));
#if DEBUG
        output.WriteLine("WARNING: a Debug build; figures are only meaningful from -c Release");
#endif
    }

    private static void MeasureDialogLoad(TextWriter output, List<string> problems)
    {
        string folder;
        try
        {
            folder = RepositoryRoot.DialogsFolder();
        }
        catch (InvalidOperationException ex)
        {
            output.WriteLine("dialogs: not measured (" + ex.Message + ")");
            return;
        }

        // Cold: the first load in a fresh process, JIT included, as at start-up.
        var started = Stopwatch.GetTimestamp();
        var result = DialogFiles.Load(folder);
        var cold = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        DialogFiles.Load(folder);
        var warm = Stopwatch.GetElapsedTime(started);
        var files = DialogFiles.Read(folder).Sources.Count;
        var errors = result.Diagnostics.Count(d => d.IsError);
        output.WriteLine(Invariant($"dialogs/*.yaml: {files} file(s), {result.Catalog.Dialogs.Count} loaded, {errors} error(s); read + load + validate {cold.TotalMilliseconds:F1} ms cold (first in process), {warm.TotalMilliseconds:F1} ms warm"));
        if (files == 0)
        {
            problems.Add("no dialog files in " + folder);
        }
    }

    private static void CheckFailures(string phase, PhaseResult result, List<string> problems)
    {
        if (result.Failures > 0)
        {
            problems.Add(Invariant($"{phase}: {result.Failures:N0} of {result.Messages:N0} messages were not answered"));
        }
    }

    private static void CheckOutbox(SqliteConnection connection, long answered, List<string> problems)
    {
        if (answered < 0)
        {
            return;
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM outbox";
        var replies = (long)count.ExecuteScalar()!;
        if (replies != answered)
        {
            problems.Add(Invariant($"the outbox holds {replies:N0} replies; expected {answered:N0}"));
        }
    }

    /// <summary>
    /// Marks every waiting reply sent, as the outbox sender would have by now, and copies the log back so that the pages
    /// this wrote are not checkpointed during the next measurement.
    /// </summary>
    internal static void MarkRepliesSent(SqliteConnection connection)
    {
        Database.Execute(connection, Invariant($"UPDATE outbox SET sent_at = {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} WHERE sent_at IS NULL AND failed_at IS NULL"));
        Checkpoint(connection);
    }

    /// <summary>
    /// The pages the connection wrote to the log since the last call (SQLite's own count, SQLITE_DBSTATUS_CACHE_WRITE):
    /// the storage work of a run, exact where the timings are noisy.
    /// </summary>
    internal static long PagesWritten(SqliteConnection connection)
    {
        SQLitePCL.raw.sqlite3_db_status(connection.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE, out var current, out _, 1);
        return current;
    }

    private static void Checkpoint(SqliteConnection connection) => Database.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");

    private static long DatabaseBytes(string path)
    {
        var total = 0L;
        foreach (var file in new[] { path, path + "-wal" })
        {
            if (File.Exists(file))
            {
                total += new FileInfo(file).Length;
            }
        }

        return total;
    }

    private static string Mb(long bytes) => Invariant($"{bytes / (1024.0 * 1024):N1} MiB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
