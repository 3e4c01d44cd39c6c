using System.Diagnostics;
using System.Globalization;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>One worker per database: real worker processes against the test Bot API server.</summary>
public sealed class SingleWorkerProcessTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    private Dictionary<string, string> Environment() => TelegramWorker.ProcessEnvironment(_api, _folder, "00:00:00.050");

    /// <summary>Sends one message and waits for its answer: the worker is up and serving.</summary>
    private async Task AnsweredAsync(long chat)
    {
        _api.EnqueueText(chat, "/catat");

        // Waits for this chat's answer, not a count: a worker killed hard may send its last reply again.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!_api.Sent.Any(m => m.ChatId == chat && m.Text.StartsWith("Tulis catatan:", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"chat {chat} got no answer");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_second_worker_is_refused_while_the_first_serves_and_a_worker_starts_after_the_first_was_killed_hard()
    {
        var environment = Environment();
        using var first = AssistantProcess.Start(environment);
        try
        {
            await AnsweredAsync(1);

            var second = await AssistantProcess.RunAsync("", environment);

            Assert.Equal(1, second.ExitCode);
            var line = Assert.Single(second.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"the database {_folder.DatabasePath} is in use by the worker (process {first.Id.ToString(CultureInfo.InvariantCulture)}", line, StringComparison.Ordinal);
            Assert.Contains("only one worker or chat may use a database at a time", line, StringComparison.Ordinal);
            Assert.False(first.HasExited);
            await AnsweredAsync(2);

            // chat writes as the same single writer, so it is refused too; read-only operator verbs work beside it.
            var chat = await AssistantProcess.RunAsync("/catat\n", environment, "chat", "--user", "op", "--db", _folder.DatabasePath);
            Assert.Equal(1, chat.ExitCode);
            Assert.StartsWith("chat: the database ", chat.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Tulis catatan:", chat.Output, StringComparison.Ordinal);
            foreach (string[] verb in (string[][])[["broadcast", "list"], ["broadcast", "preview"], ["report", "broadcasts"], ["programs", "list"]])
            {
                var run = await AssistantProcess.RunAsync("", environment, [.. verb, "--db", _folder.DatabasePath]);
                Assert.True(run.ExitCode == 0, $"{string.Join(' ', verb)} beside the worker: exit {run.ExitCode}\n{run.Error}");
            }

            await AnsweredAsync(3);
        }
        finally
        {
            first.Kill(); // SIGKILL: nothing of the first process gets to clean up
            await first.WaitForExitAsync();
        }

        using var third = AssistantProcess.Start(environment);
        try
        {
            await AnsweredAsync(4);
        }
        finally
        {
            third.Kill();
            await third.WaitForExitAsync();
        }
    }
}
