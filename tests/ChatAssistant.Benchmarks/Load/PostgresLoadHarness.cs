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
    public static async Task<int> RunAsync(LoadSettings s, int maxReplicas, TextWriter output)
    {
        using var server = PostgresServer.Start();
        var run = "bench_" + Guid.NewGuid().ToString("N")[..8];
        var databases = new List<string>();
        try
        {
            output.WriteLine(Invariant($"ChatAssistant load harness on PostgreSQL{(s.Smoke ? " (smoke)" : string.Empty)}: {s.Stored:N0} owners stored, {s.Active:N0} active ({s.Layout.ToString().ToLowerInvariant()}), 1..{maxReplicas} replicas, {s.Rounds} x {s.Messages:N0} messages per phase (+{s.Warmup:N0} warm-up), closed loop with {s.Concurrency} in flight"));
            output.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}"));
            output.WriteLine("server: " + server.Describe());

            var seed = run + "_seed";
            databases.Add(seed);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Seed(server.CreateDatabase(seed), s.Stored);
            output.WriteLine(Invariant($"seed: {s.Stored:N0} owners stored in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));

            var problems = new List<string>();
            var rows = new List<string>();
            for (var replicas = 1; replicas <= maxReplicas; replicas++)
            {
                var rawRounds = new List<PhaseResult>();
                var fullRounds = new List<PhaseResult>();
                MachineLoad? before = null;
                MachineLoad? after = null;
                for (var round = 1; round <= s.Rounds; round++)
                {
                    var rawName = Invariant($"{run}_raw{replicas}_{round}");
                    var fullName = Invariant($"{run}_full{replicas}_{round}");
                    databases.Add(rawName);
                    databases.Add(fullName);

                    var rawOwners = Owners(server.CreateDatabase(rawName, seed), s);
                    var rawConnection = server.Database(rawName);
                    PostgresRawRun.Run(rawConnection, rawOwners, Math.Max(s.Warmup / 4, s.RawBatchSize), s.RawBatchSize, replicas, "w");
                    before ??= MachineLoad.Read(server.Processes());
                    var raw = PostgresRawRun.Run(rawConnection, rawOwners, s.Messages, s.RawBatchSize, replicas, "r");
                    rawRounds.Add(raw);
                    server.DropDatabase(rawName);

                    var full = await FullPathAsync(server.CreateDatabase(fullName, seed), s, replicas, problems).ConfigureAwait(false);
                    after = MachineLoad.Read(server.Processes());
                    fullRounds.Add(full);
                    server.DropDatabase(fullName);
                    output.WriteLine(Invariant($"{replicas} replica(s), round {round}: raw {raw.PerSecond:N0} msgs/s from {replicas} connection(s), full path {full.PerSecond:N0} msgs/s ({full.PerSecond / raw.PerSecond:P0}), p99 {LatencySummary.FromTicks([.. full.LatencyTicks]).P99:F1} ms"));
                }

                var rawRate = PhaseResult.MedianPerSecond(rawRounds);
                var fullRate = PhaseResult.MedianPerSecond(fullRounds);
                var latency = LatencySummary.FromTicks(PhaseResult.Combine(fullRounds).LatencyTicks);
                var load = before is { } b && after is { } a ? MachineLoad.Between(b, a) : (Others: double.NaN, Stolen: double.NaN);
                rows.Add(Invariant($"| {replicas} | {rawRate:N0} | {fullRate:N0} | {fullRate / rawRate:P0} | {latency.P50:F1} / {latency.P95:F1} / {latency.P99:F1} ms | {load.Others:P0} |"));
            }

            output.WriteLine();
            output.WriteLine("| replicas | raw PostgreSQL msgs/s (as many connections) | full path msgs/s | full/raw | receipt -> reply committed p50 / p95 / p99 | other processes |");
            output.WriteLine("|---:|---:|---:|---:|---|---:|");
            rows.ForEach(output.WriteLine);
            output.WriteLine();

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

    /// <summary>Warm-up, then one measured round, through <paramref name="replicas"/> writers on their own pools; checks the result.</summary>
    private static async Task<PhaseResult> FullPathAsync(string connectionString, LoadSettings s, int replicas, List<string> problems)
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
            var warm = await run.RunClosedLoopAsync(s.Warmup, s.Concurrency).ConfigureAwait(false);
            var full = await run.RunClosedLoopAsync(s.Messages, s.Concurrency).ConfigureAwait(false);
            var label = Invariant($"{replicas} replica(s)");
            if (warm.Failures + full.Failures > 0)
            {
                problems.Add(Invariant($"{label}: {warm.Failures + full.Failures:N0} of {warm.Messages + full.Messages:N0} messages were not answered"));
            }

            await using var check = new NpgsqlConnection(connectionString);
            await check.OpenAsync().ConfigureAwait(false);
            problems.AddRange(owners.Mismatches(check).Take(10).Select(problem => label + ": " + problem));
            await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox", check);
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

        using var connection = new NpgsqlConnection(connectionString);
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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
