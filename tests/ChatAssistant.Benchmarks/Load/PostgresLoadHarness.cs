using System.Globalization;
using ChatAssistant.Benchmarks.Support;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// <c>load --postgres</c>: the message path on PostgreSQL with 1, 2 ... N replicas sharing one database, beside
/// PostgreSQL's own ceiling for the same writes from as many connections, in one run on one server. A replica here is
/// what a worker process runs for each message: a <see cref="ConversationWriter"/> of its own, over a connection pool
/// of its own (its own <see cref="PostgresProvider"/>), with the per-owner locks the writer takes on a shared
/// database; the replicas are hosted in this one process so that receipt-to-commit is timed on one clock, and
/// without the webhook's HTTP and JSON, which the SQLite figures leave out too. Each message goes to the next replica
/// in turn. Every phase starts from its own copy of the seeded database. Timings are printed, never asserted; the run
/// fails only when the pipeline did not do its job.
/// </summary>
internal static class PostgresLoadHarness
{
    public static async Task<int> RunAsync(LoadSettings s, int maxReplicas, IReadOnlyList<int> alsoStored, TextWriter output)
    {
        using var server = PostgresServer.Start();
        var run = "bench_" + Guid.NewGuid().ToString("N")[..8];
        var databases = new List<string>();
        try
        {
            int[] sizes = [s.Stored, .. alsoStored];
            var rate = s.Rate > 0 ? Invariant($", then {FixedRateMessages(s):N0} messages at a steady {FixedRate(s):N0} msgs/s") : string.Empty;
            output.WriteLine(Invariant($"ChatAssistant load harness on PostgreSQL{(s.Smoke ? " (smoke)" : string.Empty)}: {string.Join(" and ", sizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} owners stored, {s.Active:N0} active ({s.Layout.ToString().ToLowerInvariant()}), 1..{maxReplicas} replicas, {s.Rounds} x {s.Messages:N0} messages per phase (+{s.Warmup:N0} warm-up), closed loop with {s.Concurrency} in flight{rate}"));
            output.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC"));
            output.WriteLine("server: " + server.Describe());

            var problems = new List<string>();
            var rows = new List<string>();
            var memory = new List<string>();
            foreach (var stored in sizes)
            {
                var sized = s with { Stored = stored };
                var seed = Invariant($"{run}_seed{stored}");
                databases.Add(seed);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var seedConnection = server.CreateDatabase(seed);
                Seed(seedConnection, stored);
                output.WriteLine(Invariant($"seed: {stored:N0} owners stored in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s; database {Mb(DatabaseBytes(server, seed))}"));

                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var peakReset = ProcessMemory.TryResetPeak();
                for (var replicas = 1; replicas <= maxReplicas; replicas++)
                {
                    var rawRounds = new List<PhaseResult>();
                    var fullRounds = new List<PhaseResult>();
                    MachineLoad? before = null;
                    MachineLoad? after = null;
                    for (var round = 1; round <= s.Rounds; round++)
                    {
                        var rawName = Invariant($"{run}_{stored}_raw{replicas}_{round}");
                        var fullName = Invariant($"{run}_{stored}_full{replicas}_{round}");
                        databases.Add(rawName);
                        databases.Add(fullName);

                        var rawOwners = Owners(server.CreateDatabase(rawName, seed), sized);
                        var rawConnection = server.Database(rawName);
                        var counting = round == 1 && replicas == 1;
                        var rawWarmup = Math.Max(s.Warmup / 4, s.RawBatchSize);
                        using (var rawTrips = counting ? new PostgresRoundTrips() : null)
                        {
                            PostgresRawRun.Run(rawConnection, rawOwners, rawWarmup, s.RawBatchSize, replicas, "w");
                            if (rawTrips is not null)
                            {
                                output.WriteLine(Invariant($"round trips, raw ceiling (its warm-up, counted by Npgsql's tracing): {rawTrips.Total / (double)rawWarmup:F2} statements/msg + {1.0 / s.RawBatchSize:F2} commits/msg ({s.RawBatchSize} msgs/transaction)"));
                            }
                        }

                        before ??= MachineLoad.Read(server.Processes());
                        var raw = PostgresRawRun.Run(rawConnection, rawOwners, s.Messages, s.RawBatchSize, replicas, "r");
                        rawRounds.Add(raw);
                        server.DropDatabase(rawName);

                        var full = await FullPathAsync(server.CreateDatabase(fullName, seed), sized, replicas, rate: 0, problems, counting ? output : null).ConfigureAwait(false);
                        after = MachineLoad.Read(server.Processes());
                        fullRounds.Add(full);
                        server.DropDatabase(fullName);
                        output.WriteLine(Invariant($"{stored:N0} stored, {replicas} replica(s), round {round}: raw {raw.PerSecond:N0} msgs/s from {replicas} connection(s) ({raw.AllocatedPerMessage:N0} B/msg), full path {full.PerSecond:N0} msgs/s ({full.PerSecond / raw.PerSecond:P0}; {full.AllocatedPerMessage:N0} B/msg), p99 {LatencySummary.FromTicks([.. full.LatencyTicks]).P99:F1} ms"));
                    }

                    var paced = "-";
                    if (s.Rate > 0)
                    {
                        var pacedName = Invariant($"{run}_{stored}_rate{replicas}");
                        databases.Add(pacedName);
                        var atRate = await FullPathAsync(server.CreateDatabase(pacedName, seed), sized, replicas, FixedRate(s), problems).ConfigureAwait(false);
                        server.DropDatabase(pacedName);
                        var pacedLatency = LatencySummary.FromTicks(atRate.LatencyTicks);
                        paced = Invariant($"{pacedLatency.P50:F2} / {pacedLatency.P99:F2} ms ({atRate.LateSends:N0} sent late)");
                        output.WriteLine(Invariant($"{stored:N0} stored, {replicas} replica(s), {FixedRate(s):N0} msgs/s: receipt -> reply committed p50 {pacedLatency.P50:F2} ms, p95 {pacedLatency.P95:F2} ms, p99 {pacedLatency.P99:F2} ms, max {pacedLatency.Max:F2} ms; {atRate.AllocatedPerMessage:N0} B/msg; {atRate.LateSends:N0} of {atRate.Messages:N0} sent more than 1 ms late"));
                    }

                    var rawAll = PhaseResult.Combine(rawRounds);
                    var fullAll = PhaseResult.Combine(fullRounds);
                    var rawRate = PhaseResult.MedianPerSecond(rawRounds);
                    var fullRate = PhaseResult.MedianPerSecond(fullRounds);
                    var latency = LatencySummary.FromTicks(fullAll.LatencyTicks);
                    var load = before is { } b && after is { } a ? MachineLoad.Between(b, a) : (Others: double.NaN, Stolen: double.NaN);
                    rows.Add(Invariant($"| {stored:N0} | {replicas} | {rawRate:N0} | {fullRate:N0} | {fullRate / rawRate:P0} | {latency.P50:F1} / {latency.P95:F1} / {latency.P99:F1} ms | {paced} | {rawAll.AllocatedPerMessage:N0} | {fullAll.AllocatedPerMessage:N0} ({fullAll.AllocatedPerMessage / rawAll.AllocatedPerMessage:F2} x) | {load.Others:P0} |"));
                }

                memory.Add(Invariant($"working set with {stored:N0} stored: peak {Mb(ProcessMemory.Peak())} while measuring{(peakReset ? string.Empty : " (peak since process start: clear_refs not available)")}, {Mb(ProcessMemory.Current())} at the end (this process: the replicas' writers, engine and pools, and the raw run's connections; the server's own memory is not counted)"));
                if (!s.Keep)
                {
                    server.DropDatabase(seed);
                }
            }

            output.WriteLine();
            var pacedHeader = s.Rate > 0 ? Invariant($"at {FixedRate(s):N0} msgs/s p50 / p99") : "fixed rate (--rate)";
            output.WriteLine($"| stored | replicas | raw PostgreSQL msgs/s (as many connections) | full path msgs/s | full/raw | closed loop: receipt -> reply committed p50 / p95 / p99 | {pacedHeader} | raw B allocated/msg | full path B allocated/msg | other processes |");
            output.WriteLine("|---:|---:|---:|---:|---:|---|---|---:|---:|---:|");
            rows.ForEach(output.WriteLine);
            output.WriteLine();
            memory.ForEach(output.WriteLine);

            if (problems.Count > 0)
            {
                foreach (var problem in problems.Take(20))
                {
                    output.WriteLine("PROBLEM: " + problem);
                }

                output.WriteLine(Invariant($"FAILED: {problems.Count} problem(s)"));
                return 1;
            }

            output.WriteLine("check: every message answered once, every active owner at the step its script expects, every reply in the outbox, with every replica count");
            return 0;
        }
        finally
        {
            if (s.Keep)
            {
                output.WriteLine("databases kept: " + string.Join(", ", databases));
            }
            else
            {
                foreach (var database in databases)
                {
                    server.DropDatabase(database);
                }
            }
        }
    }

    /// <summary>The steady rate of the fixed-rate phase: --rate, or a brief 1,000 msgs/s in the smoke run (which walks that path too).</summary>
    private static int FixedRate(LoadSettings s) => s.Smoke ? 1_000 : s.Rate;

    /// <summary>Ten seconds' worth at the rate (the smoke run: 200 messages).</summary>
    private static int FixedRateMessages(LoadSettings s) => s.Smoke ? 200 : Math.Max(1_000, s.Rate * 10);

    /// <summary>
    /// Warm-up, then one measured round, through <paramref name="replicas"/> writers on their own pools: a closed loop,
    /// or ten seconds at a steady <paramref name="rate"/>; checks the result. With <paramref name="roundTrips"/>, the
    /// statements of the warm-up are counted and printed there (not those measured: counting allocates).
    /// </summary>
    private static async Task<PhaseResult> FullPathAsync(string connectionString, LoadSettings s, int replicas, int rate, List<string> problems, TextWriter? roundTrips = null)
    {
        var owners = Owners(connectionString, s);
        var engine = new ConversationEngine(BenchDialog.Catalog());
        var providers = new List<PostgresProvider>();
        var sessions = new List<WriteSession>();
        var writers = new List<ConversationWriter>();
        try
        {
            for (var replica = 0; replica < replicas; replica++)
            {
                var provider = new PostgresProvider(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = Invariant($"bench-replica-{replica}") }.ConnectionString);
                providers.Add(provider);
                var session = new WriteSession(provider, TimeProvider.System);
                sessions.Add(session);

                // As in the SQLite run: no sender drains the outbox, so replies keep their own rows (checked below).
                var options = new ConversationOptions { MaxBatchSize = s.BatchSize, CoalesceRepliesAfter = 1000 };
                options.QueueCapacity = Math.Max(s.Concurrency, options.QueueCapacity);
                var writer = new ConversationWriter(new SessionStore(session), new OutboxStore(session), new DialogVersionStore(session), engine, new OutboxSignal(), TimeProvider.System, new Random(), Options.Create(options), NullLogger<ConversationWriter>.Instance);
                await writer.StartAsync(CancellationToken.None).ConfigureAwait(false);
                writers.Add(writer);
            }

            var run = new FullPathRun(writers, owners);
            PhaseResult warm;
            using (var trips = roundTrips is null ? null : new PostgresRoundTrips())
            {
                warm = await run.RunClosedLoopAsync(s.Warmup, s.Concurrency).ConfigureAwait(false);
                if (trips is not null && warm.Messages > 0)
                {
                    // One pg_notify per transaction (the writer wakes the other replicas' senders on commit).
                    var transactions = trips.Count("pg_notify");
                    roundTrips!.WriteLine(Invariant($"round trips, full path (its warm-up, {replicas} replica(s), counted by Npgsql's tracing): {trips.Total / (double)warm.Messages:F2} statements/msg + {transactions / (double)warm.Messages:F2} commits/msg; {transactions:N0} transactions = {warm.Messages / (double)Math.Max(1, transactions):F1} msgs/transaction, {trips.Total / (double)Math.Max(1, transactions):F1} statements/transaction. Statements per message:"));
                    foreach (var line in trips.PerMessage(warm.Messages).Take(20))
                    {
                        roundTrips.WriteLine("    " + line);
                    }
                }
            }

            var full = rate > 0
                ? await run.RunFixedRateAsync(FixedRateMessages(s), rate).ConfigureAwait(false)
                : await run.RunClosedLoopAsync(s.Messages, s.Concurrency).ConfigureAwait(false);
            var label = Invariant($"{s.Stored:N0} stored, {replicas} replica(s){(rate > 0 ? Invariant($" at {rate:N0} msgs/s") : string.Empty)}");
            if (warm.Failures + full.Failures > 0)
            {
                problems.Add(Invariant($"{label}: {warm.Failures + full.Failures:N0} of {warm.Messages + full.Messages:N0} messages were not answered"));
            }

            await using var check = new NpgsqlConnection(connectionString);
            await check.OpenAsync().ConfigureAwait(false);
            problems.AddRange(owners.Mismatches(check).Take(10).Select(problem => label + ": " + problem));
            await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox WHERE sent_at IS NULL", check); // the seeded history is sent
            var replies = (long)(await count.ExecuteScalarAsync().ConfigureAwait(false))!;
            var answered = warm.Messages - warm.Failures + full.Messages - full.Failures;
            if (replies != answered)
            {
                problems.Add(Invariant($"{label}: the outbox holds {replies:N0} replies; expected {answered:N0}"));
            }

            return full;
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.StopAsync(CancellationToken.None).ConfigureAwait(false);
                writer.Dispose();
            }

            sessions.ForEach(session => session.Dispose());
            providers.ForEach(provider => provider.Dispose());
        }
    }

    private static SimulatedOwners Owners(string connectionString, LoadSettings s)
    {
        var owners = new SimulatedOwners(s.Stored, s.Active, s.Layout);
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        owners.LoadUserIds(connection);
        return owners;
    }

    /// <summary>The schema by the product's own migrations, then the owners as <see cref="OwnerSeeder"/> stores them, in PostgreSQL's SQL.</summary>
    private static void Seed(string connectionString, int owners)
    {
        using (var provider = new PostgresProvider(connectionString))
        using (new WriteSession(provider, TimeProvider.System))
        {
            // Migrated.
        }

        // Set-based statements on the server (no rows cross the wire); a million owners' take longer than a command's default 30 s.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var now = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        foreach (var sql in new[]
        {
            """
            INSERT INTO users (channel, chat_id, language, created_at, last_seen_at)
            SELECT @channel, CAST(100000000 + i AS TEXT), 'id', @now, @now FROM generate_series(0, @owners - 1) AS i ORDER BY i
            """,
            """
            INSERT INTO profile_values (user_id, key, value, updated_at)
            SELECT id, 'business_name', 't:Toko Sari Rasa', @now FROM users WHERE channel = @channel
            UNION ALL
            SELECT id, 'province', 't:Jawa Barat', @now FROM users WHERE channel = @channel
            """,
            $"""
            INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at)
            SELECT id, 'bench', 1, '{BenchDialog.SeededStep}', 0, NULL, 'name sales', @now, @now FROM users WHERE channel = @channel ORDER BY id
            """,
            """
            INSERT INTO answers (conversation_id, key, value, updated_at)
            SELECT id, 'sales', 'm:150000000', @now FROM conversations WHERE dialog_id = 'bench'
            """,
            // Each stored owner was answered before, as in a live database: an outbox with history, not an empty table.
            // An empty one (analysed so) makes PostgreSQL's generic plan for the writer's prepared chat lookups a
            // sequential scan, kept until autovacuum analyses the table again: every message would then read the whole
            // outbox, more with every reply, and the run would measure that instead of the message path.
            """
            INSERT INTO outbox (user_id, channel, chat_id, priority, text, created_at, sent_at, attempts)
            SELECT id, channel, chat_id, 0, 'Halo!', @now, @now, 1 FROM users WHERE channel = @channel ORDER BY id
            """,
        })
        {
            using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("owners", owners);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("channel", SimulatedOwners.Channel);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        using (var analyze = new NpgsqlCommand("ANALYZE", connection))
        {
            analyze.ExecuteNonQuery();
        }

        // The seeded database is the template of every phase's copy, which PostgreSQL makes only with no one connected.
        connection.Close();
        NpgsqlConnection.ClearAllPools();
    }

    private static long DatabaseBytes(PostgresServer server, string database)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var size = new NpgsqlCommand("SELECT pg_database_size(@name)", connection);
        size.Parameters.AddWithValue("name", database);
        return (long)size.ExecuteScalar()!;
    }

    private static string Mb(long bytes) => Invariant($"{bytes / (1024.0 * 1024):N1} MiB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
