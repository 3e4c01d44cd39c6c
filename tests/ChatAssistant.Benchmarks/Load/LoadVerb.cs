using System.CommandLine;
using System.Globalization;
using ChatAssistant.Conversations;

namespace ChatAssistant.Benchmarks.Load;

/// <summary><c>load</c>: the load harness for the whole message path; see docs/benchmarks.md.</summary>
internal static class LoadVerb
{
    /// <summary>Broadcast alone before owners chat: the queue is topped up and the send path compiled before anything is measured.</summary>
    private static readonly TimeSpan BroadcastWarmup = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var stored = new Option<int>("--stored") { Description = "Owners already in the database before the run.", DefaultValueFactory = _ => 10_000 };
        var active = new Option<int>("--active") { Description = "Owners sending messages during the run; which of the stored ones: --layout.", DefaultValueFactory = _ => 10_000 };
        var layout = new Option<OwnerLayout>("--layout")
        {
            Description = "Which stored owners are active: 'recent' (the most recently registered, neighbours on disk) or 'spread' (evenly over all stored owners).",
            DefaultValueFactory = _ => OwnerLayout.Recent,
        };
        var messages = new Option<int>("--messages")
        {
            Description = "Messages in each measured round (and in each raw storage round). Default: 200,000; with --rate, 30 seconds' worth.",
            DefaultValueFactory = _ => 200_000,
        };
        var rounds = new Option<int>("--rounds")
        {
            Description = "Measured rounds; each runs --messages through the raw storage run and then the full path, and the median round is reported.",
            DefaultValueFactory = _ => 3,
        };
        var warmup = new Option<int>("--warmup") { Description = "Messages sent before measuring, to warm the JIT and caches; at least one turn of the script (7) for every active owner. At a fixed rate, as many again at the rate.", DefaultValueFactory = _ => 20_000 };
        var rate = new Option<int>("--rate") { Description = "Send at this steady rate (messages/s) instead of as fast as possible; for latency at a given load.", DefaultValueFactory = _ => 0 };
        var concurrency = new Option<int>("--concurrency") { Description = "Closed loop: owners with a message in flight at once.", DefaultValueFactory = _ => 128 };
        var batch = new Option<int>("--batch") { Description = "The writer's MaxBatchSize (messages per transaction under load).", DefaultValueFactory = _ => new ConversationOptions().MaxBatchSize };
        var rawBatch = new Option<int>("--raw-batch") { Description = "Messages per transaction in the raw storage run.", DefaultValueFactory = _ => 100 };
        var folder = new Option<string>("--dir") { Description = "Where the temporary database goes.", DefaultValueFactory = _ => Path.GetTempPath() };
        var keep = new Option<bool>("--keep") { Description = "Keep the database file after the run." };
        var seededCache = new Option<string?>("--seeded-cache")
        {
            Description = "Keep the seeded database in this folder (one file per number stored and schema) and start each run from a copy of it instead of seeding again; the copy is made before anything is measured.",
        };
        var breakdown = new Option<bool>("--breakdown") { Description = "Also time each stage of the writer's work per message (a stopwatch profile)." };
        var smoke = new Option<bool>("--smoke")
        {
            Description = "A few seconds with small numbers, for CI: checks the pipeline works, asserts no timing. Also runs a few seconds of the broadcast mode (with --broadcast: only that).",
        };
        var postgres = new Option<bool>("--postgres")
        {
            Description = "On PostgreSQL (a private server started with scripts/postgres-test-server.sh, or the one in CHATASSISTANT_BENCH_PG): the full path with 1..--replicas replicas sharing one database, each beside PostgreSQL's raw ceiling for the same writes from as many connections. Defaults then: 20,000 messages per phase, 5,000 warm-up.",
        };
        var replicas = new Option<int>("--replicas") { Description = "With --postgres: measure 1, 2 ... this many replicas.", DefaultValueFactory = _ => 3 };
        var alsoStored = new Option<int[]>("--also-stored")
        {
            Description = "With --postgres: measure again, in the same run, with this many owners stored (repeatable), e.g. --stored 10000 --also-stored 1000000.",
            DefaultValueFactory = _ => [],
        };
        var broadcast = new Option<int>("--broadcast")
        {
            Description = "Broadcast mode: send an announcement to this many owners through the real dispatcher and feeder, to a simulated channel, while --active other owners chat; reports their reply latency. Stores --broadcast + --active owners (--stored is not used). It must outlast the run: at least --send-rate x (--duration + 2 s).",
            DefaultValueFactory = _ => 0,
        };
        var sendRate = new Option<int>("--send-rate") { Description = "Broadcast mode: the channel's MaxMessagesPerSecond (Telegram: about 30).", DefaultValueFactory = _ => 30 };
        var chatRate = new Option<double>("--chat-rate") { Description = "Broadcast mode: owner messages per second, in all (Poisson arrivals).", DefaultValueFactory = _ => 5 };
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "Broadcast mode: how long owners chat, e.g. 60s, 2m (measured after 2 s of broadcast alone).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
            CustomParser = DurationOption.Parse,
        };
        var wireLatency = new Option<WireLatency>("--wire-latency")
        {
            Description = "Broadcast mode: how long one send takes on the simulated channel, MIN-MAX milliseconds (evenly spread).",
            DefaultValueFactory = _ => new WireLatency(30, 80),
            CustomParser = WireLatency.Parse,
        };

        var coldStart = new Option<bool>("--cold-start")
        {
            Description = "Cold-start mode: publish the app ReadyToRun (as the Dockerfile does) and time --runs fresh worker processes from start to their first reply, against a stand-in Telegram Bot API on 127.0.0.1. With --smoke: one run of the build beside the harness, no publish.",
        };
        var app = new Option<string?>("--app") { Description = "Cold-start mode: a published folder (with ChatAssistant.dll) to start instead of publishing one." };
        var runs = new Option<int>("--runs") { Description = "Cold-start mode: processes started, one after the other, each on a fresh database.", DefaultValueFactory = _ => 5 };
        var coldMessage = new Option<string>("--message")
        {
            Description = "Cold-start mode: what the owner sends on the first getUpdates.",
            DefaultValueFactory = _ => ColdStartSettings.DefaultMessage,
        };

        var command = new Command("load", "Drive simulated owners through the real message path (writer, engine, SQLite, outbox) and print throughput, latency, allocations, memory and database size.")
        {
            stored, active, layout, messages, rounds, warmup, rate, concurrency, batch, rawBatch, folder, keep, breakdown, smoke, seededCache,
            postgres, replicas, alsoStored, broadcast, sendRate, chatRate, duration, wireLatency, coldStart, app, runs, coldMessage,
        };
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(coldStart))
            {
                var coldSettings = parse.GetValue(smoke)
                    ? ColdStartSettings.ForSmoke(parse.GetValue(folder)!, parse.GetValue(keep)) with { App = parse.GetValue(app) }
                    : new ColdStartSettings(parse.GetValue(app), parse.GetValue(runs), parse.GetValue(coldMessage)!, parse.GetValue(folder)!, parse.GetValue(keep), Smoke: false);
                if (coldSettings.Runs < 1 || string.IsNullOrWhiteSpace(coldSettings.Message))
                {
                    await Console.Error.WriteLineAsync("load: --runs must be positive and --message not empty.").ConfigureAwait(false);
                    return 2;
                }

                return await ColdStartHarness.RunAsync(coldSettings, Console.Out).ConfigureAwait(false);
            }

            if (parse.GetValue(broadcast) > 0)
            {
                // In this mode --active is the chatting owners; a hundred by default, each writing every 20 s or so at 5 msgs/s.
                var chatting = parse.GetResult(active) is { Implicit: false } ? parse.GetValue(active) : 100;
                var broadcastSettings = parse.GetValue(smoke)
                    ? BroadcastSettings.ForSmoke(parse.GetValue(folder)!, parse.GetValue(keep))
                    : new BroadcastSettings(
                        parse.GetValue(broadcast),
                        chatting,
                        parse.GetValue(sendRate),
                        parse.GetValue(chatRate),
                        parse.GetValue(duration),
                        BroadcastWarmup,
                        parse.GetValue(wireLatency)!,
                        parse.GetValue(folder)!,
                        parse.GetValue(keep),
                        Smoke: false);
                if (Problem(broadcastSettings) is { } broadcastProblem)
                {
                    await Console.Error.WriteLineAsync("load: " + broadcastProblem).ConfigureAwait(false);
                    return 2;
                }

                return await BroadcastHarness.RunAsync(broadcastSettings, Console.Out).ConfigureAwait(false);
            }

            if (parse.GetValue(postgres))
            {
                return await RunPostgresAsync(parse, stored, active, layout, messages, rounds, warmup, rate, concurrency, batch, rawBatch, keep, smoke, replicas, alsoStored).ConfigureAwait(false);
            }

            var rateValue = parse.GetValue(rate);
            var messageCount = rateValue > 0 && parse.GetResult(messages) is not { Implicit: false } ? rateValue * 30 : parse.GetValue(messages);
            var settings = new LoadSettings(
                parse.GetValue(stored),
                parse.GetValue(active),
                parse.GetValue(layout),
                messageCount,
                parse.GetValue(rounds),
                parse.GetValue(warmup),
                rateValue,
                parse.GetValue(concurrency),
                parse.GetValue(batch),
                parse.GetValue(rawBatch),
                parse.GetValue(folder)!,
                parse.GetValue(keep),
                parse.GetValue(breakdown),
                parse.GetValue(smoke),
                parse.GetValue(seededCache));
            if (settings.Smoke)
            {
                settings = settings with { Stored = 1_000, Active = 100, Messages = 2_000, Rounds = 1, Warmup = 500, Rate = 0, Concurrency = 32 };
            }

            // Checked here rather than in a validator: a validator sees an option left at its default as 0.
            if (Problem(settings) is { } problem)
            {
                await Console.Error.WriteLineAsync("load: " + problem).ConfigureAwait(false);
                return 2;
            }

            var result = await LoadHarness.RunAsync(settings, Console.Out).ConfigureAwait(false);
            if (settings.Smoke)
            {
                // CI's one harness command also checks that replies get out during a broadcast (dispatcher, feeder, channel).
                Console.Out.WriteLine();
                var broadcastResult = await BroadcastHarness.RunAsync(BroadcastSettings.ForSmoke(settings.Folder, settings.Keep), Console.Out).ConfigureAwait(false);
                result = Math.Max(result, broadcastResult);

                // ...and that the worker, started as a process, answers its first owner (a second or two; no publish).
                Console.Out.WriteLine();
                var coldResult = await ColdStartHarness.RunAsync(ColdStartSettings.ForSmoke(settings.Folder, settings.Keep), Console.Out).ConfigureAwait(false);
                result = Math.Max(result, coldResult);
            }

            return result;
        });
        return command;
    }

    private static async Task<int> RunPostgresAsync(
        ParseResult parse, Option<int> stored, Option<int> active, Option<OwnerLayout> layout, Option<int> messages, Option<int> rounds, Option<int> warmup,
        Option<int> rate, Option<int> concurrency, Option<int> batch, Option<int> rawBatch, Option<bool> keep, Option<bool> smoke, Option<int> replicas, Option<int[]> alsoStored)
    {
        var settings = new LoadSettings(
            parse.GetValue(stored),
            parse.GetValue(active),
            parse.GetValue(layout),
            parse.GetResult(messages) is { Implicit: false } ? parse.GetValue(messages) : 20_000,
            parse.GetValue(rounds),
            parse.GetResult(warmup) is { Implicit: false } ? parse.GetValue(warmup) : 5_000,
            parse.GetValue(rate),
            parse.GetValue(concurrency),
            parse.GetValue(batch),
            parse.GetValue(rawBatch),
            Folder: Path.GetTempPath(),
            parse.GetValue(keep),
            Breakdown: false,
            parse.GetValue(smoke));
        var replicaCount = parse.GetValue(replicas);
        int[] moreStored = parse.GetValue(alsoStored) ?? [];
        if (settings.Smoke)
        {
            // The smoke run also walks the fixed-rate phase, briefly (200 messages at 1,000 msgs/s).
            settings = settings with { Stored = 1_000, Active = 100, Messages = 2_000, Rounds = 1, Warmup = 500, Rate = 1_000, Concurrency = 32 };
            replicaCount = Math.Min(replicaCount, 2);
            moreStored = [];
        }

        var sizeProblem = moreStored.Any(n => n < settings.Active) ? "--also-stored must be at least --active." : null;
        if ((Problem(settings) ?? sizeProblem ?? (replicaCount is < 1 or > 16 ? "--replicas must be between 1 and 16." : null)) is { } problem)
        {
            await Console.Error.WriteLineAsync("load: " + problem).ConfigureAwait(false);
            return 2;
        }

        return await PostgresLoadHarness.RunAsync(settings, replicaCount, moreStored, Console.Out).ConfigureAwait(false);
    }

    private static string? Problem(BroadcastSettings s)
    {
        if (s.Recipients < 1 || s.Chatting < 1 || s.SendRate is < 1 or > 1000 || !(s.ChatRate > 0) || s.Duration <= TimeSpan.Zero)
        {
            return "--broadcast, --active, --chat-rate and --duration must be positive, --send-rate between 1 and 1000.";
        }

        // The dispatcher sends about a tenth below the configured rate; a broadcast this long still has recipients waiting at the end.
        var needed = (int)Math.Ceiling(s.SendRate * (s.Duration + s.Warmup).TotalSeconds);
        if (s.Recipients < needed)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--broadcast {s.Recipients} runs out before the end: at {s.SendRate} msgs/s for {(s.Duration + s.Warmup).TotalSeconds:0.#} s it needs at least {needed}.");
        }

        return null;
    }

    private static string? Problem(LoadSettings s)
    {
        if (s.Stored < 1 || s.Active < 1 || s.Active > s.Stored)
        {
            return "--active must be between 1 and --stored.";
        }

        if (s.Messages < 1 || s.Rounds < 1 || s.Warmup < 0 || s.Rate < 0 || s.Concurrency < 1 || s.BatchSize < 1 || s.RawBatchSize < 1)
        {
            return "--messages, --rounds, --concurrency, --batch and --raw-batch must be positive; --warmup and --rate not negative.";
        }

        return null;
    }
}
