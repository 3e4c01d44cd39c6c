using System.Diagnostics;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>The worker as a real process: killed hard, stopped with SIGTERM, started with a bad token.</summary>
public sealed class TelegramWorkerProcessTests : IAsyncLifetime
{
    private const int ConcurrentSends = 4;
    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    private Dictionary<string, string> Environment(string rate, string flush = "00:00:10")
    {
        var environment = TelegramWorker.ProcessEnvironment(_api, _folder, "00:00:00.050");
        environment["Telegram__MaxMessagesPerSecond"] = rate;
        environment["Telegram__MaxConcurrentSends"] = ConcurrentSends.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Telegram__ShutdownFlushTimeout"] = flush;
        return environment;
    }

    private List<string> EnqueueNotes(int chats, int notes)
    {
        var expected = new List<string>();
        for (var chat = 1; chat <= chats; chat++)
        {
            _api.EnqueueText(chat, "/catat");
            expected.Add($"{chat}:Tulis catatan:");
        }

        for (var note = 1; note <= notes; note++)
        {
            for (var chat = 1; chat <= chats; chat++)
            {
                _api.EnqueueText(chat, $"n{note}-{chat}");
                expected.Add($"{chat}:Dicatat: n{note}-{chat}");
            }
        }

        return expected;
    }

    /// <summary>Whether the reply was delivered, alone or merged with others into one message (an owner's flood).</summary>
    private bool Delivered(string expected) =>
        _api.Sent.Any(m => m.Text.Split("\n\n").Any(part => $"{m.ChatId}:{part}" == expected));

    [Fact]
    public async Task A_worker_killed_hard_mid_stream_answers_every_update_after_restart_repeating_only_sends_in_flight()
    {
        var environment = Environment(rate: "60");
        var expected = EnqueueNotes(chats: 30, notes: 9);

        using (var first = AssistantProcess.Start(environment))
        {
            await _api.WaitForSentCountAsync(40, TimeSpan.FromSeconds(60));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        Assert.False(expected.All(Delivered), "the kill came after everything was sent; the test proves nothing");
        using var second = AssistantProcess.Start(environment);
        try
        {
            await WaitUntil(() => expected.All(Delivered), TimeSpan.FromSeconds(60));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
        }

        // A send repeated is the same message again (a message on the wire is never merged into).
        var duplicates = _api.Sent.GroupBy(m => (m.ChatId, m.Text)).Sum(g => g.Count() - 1);
        Assert.InRange(duplicates, 0, ConcurrentSends);
        Assert.Equal(expected.Count, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task Sigterm_stops_receiving_flushes_for_a_bounded_time_and_exits_0_losing_nothing()
    {
        var environment = Environment(rate: "10", flush: "00:00:01");
        var expected = EnqueueNotes(chats: 40, notes: 0);

        using (var worker = AssistantProcess.Start(environment))
        {
            await _api.WaitForSentCountAsync(5, TimeSpan.FromSeconds(60));
            using (var term = Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await worker.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, worker.ExitCode);
        }

        // The bound cut the flush short: what is left waits in the outbox, and goes out after the next start.
        var handled = Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox");
        var pending = Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL");
        // A send cut off by the bound after Telegram got it counts as both delivered and pending: at most the
        // sends that were in flight, never more.
        Assert.True(pending > 0, "everything was flushed; the test did not reach the bound");
        Assert.InRange(_api.Sent.Count + pending - handled, 0, ConcurrentSends);

        await using var restarted = await TelegramWorker.StartAsync(_api, _folder, Path.Combine(_folder.Path, "dialogs"));
        await WaitUntil(() => expected.All(Delivered), TimeSpan.FromSeconds(60));
        Assert.InRange(_api.Sent.Count - expected.Count, 0, ConcurrentSends);
    }

    [Fact]
    public async Task A_malformed_bot_token_is_a_clear_error_at_start()
    {
        var environment = Environment(rate: "25");
        environment["Telegram__BotToken"] = "not-a-token";

        var run = await AssistantProcess.RunAsync("", environment);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Telegram:BotToken does not look like a bot token", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(50);
        }
    }
}
