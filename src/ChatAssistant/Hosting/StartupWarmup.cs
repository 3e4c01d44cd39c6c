using System.Text;
using ChatAssistant.Channels.Telegram;
using ChatAssistant.DialogFolder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace ChatAssistant.Hosting;

/// <summary>
/// The worker's start-up, on a second core. The main thread builds the host, opens and migrates the database, loads
/// the dialogs and starts the channels one after the other, and most of that time is each library's first use (type
/// loading and compiling what ReadyToRun could not precompile), not the work itself: the shipped dialogs load in about
/// 11 ms warm against 200 ms or more cold. Touching those paths on a thread-pool thread meanwhile makes the main thread
/// find them ready. Nothing made here is kept or served: a throwaway load of the dialogs folder (the real load still
/// reads, validates and is the only one the engine gets), an in-memory SQLite database, a Telegram update read. A
/// failure is ignored here; the real start-up meets and reports it. On one core it would only compete, so it is skipped.
/// Off unless <c>Startup:WarmUp=true</c> (<c>Startup__WarmUp</c>): measured on a busy machine (4 Dec 2026, 2 cores, others
/// using 50-80% of them) it shortened getUpdates to reply (about 600 to 350 ms) but lengthened start-up by more, since
/// no core was idle to take it; whether it pays on a quiet machine is for <c>load --cold-start</c> there to say.
/// </summary>
internal static class StartupWarmup
{
    public const string Setting = "Startup:WarmUp";

    private static readonly byte[] SampleUpdate = Encoding.UTF8.GetBytes(
        """{"update_id":1,"message":{"message_id":1,"from":{"id":1,"is_bot":false,"first_name":"A"},"chat":{"id":1,"type":"private"},"date":1,"text":"/start"}}""");

    /// <param name="configuration">The worker's configuration, for the dialogs folder.</param>
    public static void Begin(IConfiguration configuration)
    {
        if (Environment.ProcessorCount < 2 || !configuration.GetValue(Setting, false))
        {
            return;
        }

        var dialogs = configuration[$"{DialogsOptions.Section}:{nameof(DialogsOptions.Path)}"] ?? new DialogsOptions().Path;

        // A thread of its own, not the pool's: the hosted services' continuations need the pool's few threads as they
        // start, and a long synchronous item on one of them would make them wait for the pool to grow.
        var thread = new Thread(() =>
        {
            // The dialogs first, the largest part; then what the first message meets: SQLite, reading a Telegram update.
            Quietly(() => DialogFiles.Load(dialogs, HostChannels.Dialogs));
            Quietly(Sqlite);
            Quietly(() => TelegramUpdateReader.Read(SampleUpdate, 1));
        })
        {
            IsBackground = true,
            Name = "start-up warm-up",
        };
        thread.Start();
    }

    private static void Sqlite()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ($v); SELECT v FROM t;";
        command.Parameters.AddWithValue("$v", "x");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _ = reader.GetString(0);
        }
    }

    private static void Quietly(Action warm)
    {
        try
        {
            warm();
        }
#pragma warning disable CA1031 // a warm-up that fails changes nothing: the real start-up does the same work and reports it
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
