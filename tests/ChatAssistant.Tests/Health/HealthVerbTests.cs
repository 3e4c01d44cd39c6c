using System.Globalization;
using ChatAssistant.Health;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Health;

/// <summary>The <c>health</c> verb as the container's HEALTHCHECK runs it: a separate process, one line, exit 0 or 1.</summary>
public sealed class HealthVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, string> Telegram() => new() { ["Telegram__BotToken"] = TelegramWorker.Token };

    /// <summary>A migrated database whose telegram channel last answered at the given time.</summary>
    private void Database(DateTimeOffset? telegramAnsweredAt)
    {
        using var session = TestDatabase.Open(_folder.DatabasePath, TimeProvider.System);
        if (telegramAnsweredAt is { } at)
        {
            session.Begin();
            ChannelHealthSql.Record(new OutboxStore(session), "telegram", at);
            session.Commit();
        }
    }

    [Fact]
    public async Task A_database_that_answers_with_a_recent_channel_call_is_healthy()
    {
        Database(DateTimeOffset.UtcNow.AddSeconds(-20));

        var run = await AssistantProcess.RunAsync("", Telegram(), "health", "--db", _folder.DatabasePath);

        Assert.Equal(0, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"healthy: database {_folder.DatabasePath} answers (schema ", line, StringComparison.Ordinal);
        Assert.Contains("telegram: last successful call ", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task A_missing_database_is_unhealthy_with_one_line()
    {
        var missing = Path.Combine(_folder.Path, "nowhere.db");

        var run = await AssistantProcess.RunAsync("", Telegram(), "health", "--db", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"unhealthy: the database {missing} does not exist", run.Error.Trim());
        Assert.False(File.Exists(missing), "the check created the file");
    }

    [Fact]
    public async Task A_corrupt_database_is_unhealthy_with_one_line_not_a_stack_trace()
    {
        File.WriteAllBytes(_folder.DatabasePath, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);

        var run = await AssistantProcess.RunAsync("", Telegram(), "health", "--db", _folder.DatabasePath);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"unhealthy: the database {_folder.DatabasePath} does not answer: ", line, StringComparison.Ordinal);
        Assert.Contains("not a database", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_whose_last_successful_call_is_stale_is_unhealthy()
    {
        Database(DateTimeOffset.UtcNow.AddHours(-1));

        var run = await AssistantProcess.RunAsync("", Telegram(), "health", "--db", _folder.DatabasePath);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("telegram: last successful call 60 min ago", line, StringComparison.Ordinal);
        Assert.Contains("more than Health:MaxSilence 00:05:00", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enabled_channel_with_no_call_recorded_is_unhealthy_and_without_channels_the_database_is_enough()
    {
        Database(telegramAnsweredAt: null);

        var enabled = await AssistantProcess.RunAsync("", Telegram(), "health", "--db", _folder.DatabasePath);
        var none = await AssistantProcess.RunAsync("", "health", "--db", _folder.DatabasePath);

        Assert.Equal(1, enabled.ExitCode);
        Assert.Contains("telegram: no successful call recorded yet", enabled.Error, StringComparison.Ordinal);
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("no channel is enabled", none.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_worker_records_its_channel_calls_and_the_check_beside_it_is_healthy()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramWorker.Token);
        var dialogs = Path.Combine(_folder.Path, "dialogs");
        _folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        await using var worker = await TelegramWorker.StartAsync(api, _folder, dialogs, new Dictionary<string, string?> { ["Health:ProbeInterval"] = "00:00:00.200" });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM channel_state WHERE channel = 'telegram' AND key = 'last_success_at'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker recorded no successful call");
            await Task.Delay(50);
        }

        var run = await AssistantProcess.RunAsync("", Telegram(), "health", "--db", _folder.DatabasePath);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("telegram: last successful call", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void The_limit_is_health_max_silence(int secondsAgo, bool healthy)
    {
        Database(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        var now = DateTimeOffset.FromUnixTimeSeconds(1_000_000 + secondsAgo);

        var report = HealthCheck.Run(_folder.DatabasePath, ["telegram"], TimeSpan.FromMinutes(5), now);

        Assert.Equal(healthy, report.Healthy);
        Assert.Contains($"{(secondsAgo < 120 ? secondsAgo.ToString(CultureInfo.InvariantCulture) + " s" : (secondsAgo / 60).ToString(CultureInfo.InvariantCulture) + " min")} ago", report.Line, StringComparison.Ordinal);
    }
}
