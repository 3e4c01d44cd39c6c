using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatAssistant.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// The worker as a real process against the test Bot API server: one owner's flood does not hold back the others,
/// and a database locked by another process or a full disk delays owners' answers without stopping the worker or
/// losing any of them.
/// </summary>
public sealed class TelegramFairnessAndFaultsProcessTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task After_100_messages_from_one_owner_five_other_owners_are_answered_within_2_s_and_the_flood_in_a_few_messages_with_none_lost()
    {
        // Telegram's own pacing: a second between two messages to one chat.
        using var worker = Start(Environment(_folder.DatabasePath, perChatInterval: "00:00:01"), out var log);
        try
        {
            _api.EnqueueText(1, "/catat");
            await _api.WaitForSentAsync(1, m => m.Text == "Tulis catatan:", TimeSpan.FromSeconds(60));

            // One forward of a hundred messages, then five other owners write.
            for (var note = 1; note <= 100; note++)
            {
                _api.EnqueueText(1, $"n{note}");
            }

            var clock = Stopwatch.StartNew();
            var others = Enumerable.Range(2, 5).Select(chat => (long)chat).ToList();
            foreach (var chat in others)
            {
                _api.EnqueueText(chat, "/catat");
            }

            var answeredAfter = await Task.WhenAll(others.Select(async chat =>
            {
                await _api.WaitForSentAsync(chat, m => m.Text == "Tulis catatan:", TimeSpan.FromSeconds(30));
                return (Chat: chat, After: clock.Elapsed);
            }));
            Assert.All(answeredAfter, answer => Assert.True(answer.After < TimeSpan.FromSeconds(2), $"chat {answer.Chat} was answered after {answer.After.TotalSeconds:0.00} s; {log}"));

            // Every note of the flood is answered, in order, in a few messages rather than a hundred.
            await WaitUntil(() => FloodReplies().Contains("Dicatat: n100\n", StringComparison.Ordinal), TimeSpan.FromSeconds(30), worker, log);
            var replies = FloodReplies();
            var positions = Enumerable.Range(1, 100).Select(note => replies.IndexOf($"Dicatat: n{note}\n", StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(-1, positions);
            Assert.Equal(positions.Order(), positions);
            Assert.InRange(_api.Sent.Count(m => m.ChatId == 1), 2, 6);
            Assert.Equal(106, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));
            Assert.False(worker.HasExited);
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_database_locked_by_another_process_for_60_s_delays_answers_the_worker_stays_up_and_answers_every_message_once_afterwards()
    {
        using var worker = Start(Environment(_folder.DatabasePath, perChatInterval: "00:00:00.050"), out var log);
        try
        {
            await WarmUpAsync(worker, log);

            using (var other = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False"))
            {
                // Another process's write transaction (an operator's tool, a backup): every writer waits for it.
                other.Open();
                using var hold = other.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
                using (var write = other.CreateCommand())
                {
                    write.Transaction = hold;
                    write.CommandText = "INSERT INTO channel_state (channel, key, value) VALUES ('ops', 'lock', 'held')";
                    write.ExecuteNonQuery();
                }

                var expected = EnqueueNotes("lock", chats: 5, notes: 3);

                // The figure: 60 s, once. The worker must neither stop nor answer what it cannot commit.
                var locked = Stopwatch.StartNew();
                while (locked.Elapsed < TimeSpan.FromSeconds(60))
                {
                    Assert.False(worker.HasExited, $"the worker stopped while the database was locked: {log}");
                    await Task.Delay(500);
                }

                Assert.DoesNotContain(_api.Sent, m => m.Text.Contains("Dicatat: lock", StringComparison.Ordinal));
                Assert.Contains("The database refused a write", Text(log), StringComparison.Ordinal);
                hold.Rollback();

                await CatchesUpAsync(worker, log, expected);
            }
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_full_disk_delays_answers_the_worker_stays_up_and_answers_every_message_once_when_there_is_room_again()
    {
        var mount = Path.Combine(_folder.Path, "small-disk");
        Directory.CreateDirectory(mount);
        var mounted = await RunAsync("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount) == 0;
        var database = Path.Combine(mount, "chat.db");
        Process? worker = null;
        StringBuilder? log = null;
        try
        {
            // A real small file system where the test may mount one; else the worker's files get a size limit
            // (RLIMIT_FSIZE, set from outside): its writes past the limit fail as a full disk's do.
            worker = Start(Environment(database, perChatInterval: "00:00:00.050"), out log, ignoreFileSizeSignal: !mounted);
            await WarmUpAsync(worker, log);
            var filler = Path.Combine(mount, "filler");
            if (mounted)
            {
                Fill(filler);
            }
            else
            {
                // No write may end past the smaller of the two files: the database cannot grow, nor the log past it.
                var limit = Math.Min(new FileInfo(database).Length, new FileInfo(database + "-wal").Length);
                Assert.Equal(0, await RunAsync("prlimit", "--pid", worker.Id.ToString(CultureInfo.InvariantCulture), $"--fsize={limit}:"));
            }

            var expected = EnqueueNotes(new string('x', 400), chats: 5, notes: 10);
            await WaitUntil(() => Text(log).Contains("The database refused a write", StringComparison.Ordinal), TimeSpan.FromSeconds(60), worker, log);
            await Task.Delay(TimeSpan.FromSeconds(2)); // the worker keeps running on a full disk
            Assert.False(worker.HasExited, $"the worker stopped on a full disk: {log}");

            if (mounted)
            {
                File.Delete(filler);
            }
            else
            {
                Assert.Equal(0, await RunAsync("prlimit", "--pid", worker.Id.ToString(CultureInfo.InvariantCulture), "--fsize=unlimited:"));
            }

            await CatchesUpAsync(worker, log, expected, database);
        }
        finally
        {
            if (worker is not null)
            {
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync();
                worker.Dispose();
            }

            SqliteConnection.ClearAllPools();
            if (mounted)
            {
                await RunAsync("umount", "-l", mount);
            }
        }
    }

    private string FloodReplies() => string.Join("\n\n", _api.Sent.Where(m => m.ChatId == 1).Select(m => m.Text)) + "\n";

    private async Task WarmUpAsync(Process worker, StringBuilder log)
    {
        for (var chat = 1; chat <= 5; chat++)
        {
            _api.EnqueueText(chat, "/catat");
        }

        for (var chat = 1; chat <= 5; chat++)
        {
            var waiting = _api.WaitForSentAsync(chat, m => m.Text == "Tulis catatan:", TimeSpan.FromSeconds(60));
            await Task.WhenAny(waiting, worker.WaitForExitAsync());
            Assert.False(worker.HasExited, $"the worker stopped: {log}");
            await waiting;
        }
    }

    private List<string> EnqueueNotes(string prefix, int chats, int notes)
    {
        var expected = new List<string>();
        for (var note = 1; note <= notes; note++)
        {
            for (var chat = 1; chat <= chats; chat++)
            {
                var text = $"{prefix}-{chat}-{note}";
                _api.EnqueueText(chat, text);
                expected.Add($"Dicatat: {text}\n");
            }
        }

        return expected;
    }

    /// <summary>Every note answered exactly once (merged replies included), the worker still up, every update handled once.</summary>
    private async Task CatchesUpAsync(Process worker, StringBuilder log, List<string> expected, string? database = null)
    {
        string Replies() => string.Join("\n\n", _api.Sent.Select(m => m.Text)) + "\n";
        await WaitUntil(() => expected.All(e => Replies().Contains(e, StringComparison.Ordinal)), TimeSpan.FromSeconds(30), worker, log);
        var replies = Replies();
        Assert.All(expected, e => Assert.Equal(1, Occurrences(replies, e)));
        Assert.False(worker.HasExited);
        Assert.Equal(5 + expected.Count, Sql.Count(database ?? _folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Writes zeros until the file system says it is full.</summary>
    private static void Fill(string path)
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }

        // Fill the last partial chunk too, byte by page.
        try
        {
            var page = new byte[4096];
            while (true)
            {
                file.Write(page);
            }
        }
        catch (IOException)
        {
            // Full to the page.
        }
    }

    private Dictionary<string, string> Environment(string database, string perChatInterval)
    {
        var environment = TelegramWorker.ProcessEnvironment(_api, _folder, perChatInterval);
        environment["Telegram__MaxMessagesPerSecond"] = "25";
        environment["Storage__Path"] = database;
        environment["Storage__BusyTimeout"] = "00:00:01";
        environment["Logging__Console__FormatterName"] = "simple";
        return environment;
    }

    /// <summary>Starts the worker, reading its output as it comes (a full pipe would stall it) into a log for failure messages.</summary>
    private static Process Start(Dictionary<string, string> environment, out StringBuilder log, bool ignoreFileSizeSignal = false)
    {
        Process worker;
        if (ignoreFileSizeSignal)
        {
            // Writes past a file size limit then fail with EFBIG instead of killing the process with SIGXFSZ.
            var start = new ProcessStartInfo("sh")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-c", "trap '' XFSZ; exec dotnet \"$0\"", Path.Combine(AppContext.BaseDirectory, "ChatAssistant.dll") })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            worker = Process.Start(start)!;
        }
        else
        {
            worker = AssistantProcess.Start(environment);
        }

        var output = new StringBuilder();
        worker.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }
        };
        worker.ErrorDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }
        };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        log = output;
        return worker;
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static async Task<int> RunAsync(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            await process.StandardOutput.ReadToEndAsync();
            await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1; // no such program here
        }
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, Process worker, StringBuilder log)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.False(worker.HasExited, $"the worker stopped: {Text(log)}");
            Assert.True(DateTime.UtcNow < deadline, $"timed out; the worker's log: {Text(log)}");
            await Task.Delay(50);
        }
    }
}
