using System.CommandLine;
using ChatAssistant.Conversations;

namespace ChatAssistant.Benchmarks.Load;

/// <summary><c>load</c>: the load harness for the whole message path; see docs/benchmarks.md.</summary>
internal static class LoadVerb
{
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
        var warmup = new Option<int>("--warmup") { Description = "Messages sent before measuring, to warm the JIT and caches.", DefaultValueFactory = _ => 20_000 };
        var rate = new Option<int>("--rate") { Description = "Send at this steady rate (messages/s) instead of as fast as possible; for latency at a given load.", DefaultValueFactory = _ => 0 };
        var concurrency = new Option<int>("--concurrency") { Description = "Closed loop: owners with a message in flight at once.", DefaultValueFactory = _ => 128 };
        var batch = new Option<int>("--batch") { Description = "The writer's MaxBatchSize (messages per transaction under load).", DefaultValueFactory = _ => new ConversationOptions().MaxBatchSize };
        var rawBatch = new Option<int>("--raw-batch") { Description = "Messages per transaction in the raw storage run.", DefaultValueFactory = _ => 100 };
        var folder = new Option<string>("--dir") { Description = "Where the temporary database goes.", DefaultValueFactory = _ => Path.GetTempPath() };
        var keep = new Option<bool>("--keep") { Description = "Keep the database file after the run." };
        var breakdown = new Option<bool>("--breakdown") { Description = "Also time each stage of the writer's work per message (a stopwatch profile)." };
        var smoke = new Option<bool>("--smoke") { Description = "A few seconds with small numbers, for CI: checks the pipeline works, asserts no timing." };

        var command = new Command("load", "Drive simulated owners through the real message path (writer, engine, SQLite, outbox) and print throughput, latency, allocations, memory and database size.")
        {
            stored, active, layout, messages, rounds, warmup, rate, concurrency, batch, rawBatch, folder, keep, breakdown, smoke,
        };
        command.SetAction(async (parse, _) =>
        {
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
                parse.GetValue(smoke));
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

            return await LoadHarness.RunAsync(settings, Console.Out).ConfigureAwait(false);
        });
        return command;
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
