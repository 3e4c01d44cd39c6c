using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Xunit.Abstractions;

namespace ChatAssistant.Tests.Reminders;

/// <summary>
/// The real worker process on a SQLite file with reminders already due, against the test Bot API server, killed hard
/// while some reminders are still scheduled, some queued in the outbox and some sent, then started again: every
/// reminder reaches its owner, none is lost, and only the sends on the wire at the kill (answered by Telegram but not
/// yet recorded) go twice. The reminders are real unfinished-dialog nudges, checked by the real source.
/// </summary>
public sealed class ReminderProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Owners = 60;

    // Slow enough that the kill finds reminders still to queue and to send: 20 a second to the channel (60 take 3 s)
    // while the scheduler queues 20 every half second. At most this many sends are on the wire at once: the
    // dispatcher's slots (OutboxOptions.MaxConcurrentSends), and a round of a fifth of a second's worth (4 at 20/s)
    // that ends only when its sends are answered.
    private const int Rate = 20;
    private const int ConcurrentSends = 4;

    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        _api.ReleaseAnswers();
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_worker_killed_between_queuing_and_sending_and_started_again_sends_each_due_reminder_once_beyond_the_sends_on_the_wire()
    {
        Seed();
        var environment = Environment();

        int deliveredAtKill;
        using (var first = AssistantProcess.Start(environment))
        {
            var log = Drain(first);
            await WaitUntil(() => _api.Sent.Count >= 15, first, log);

            // The hardest moment to die: Telegram has taken a send whose answer the worker has not had. Killed at
            // once, before the Telegram client's own timeout would turn that send into a retry (a send that timed
            // out goes again by design: the sender cannot tell it from one that never arrived).
            _api.HoldAnswers();
            var held = _api.Sent.Count;
            await WaitUntil(() => _api.Sent.Count > held, first, log);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            deliveredAtKill = _api.Sent.Count;
        }

        var states = States();
        var recordedAtKill = states.GetValueOrDefault("sent");
        output.WriteLine($"at the kill: {deliveredAtKill} delivered; reminders {string.Join(", ", states.Select(s => s.Key + "=" + s.Value.ToString(CultureInfo.InvariantCulture)))}");
        Assert.True(deliveredAtKill < Owners, "everything was sent before the kill: the test proves nothing");
        Assert.True(states.GetValueOrDefault("queued") > deliveredAtKill - recordedAtKill, "no reminder was queued and not yet on the wire at the kill");
        Assert.True(deliveredAtKill > recordedAtKill, "no send was on the wire at the kill: the test proves less than it should");

        _api.ReleaseAnswers();
        using (var second = AssistantProcess.Start(environment))
        {
            var log = Drain(second);
            try
            {
                await WaitUntil(() => States().GetValueOrDefault("sent") == Owners, second, log);
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }

        // Every owner got their nudge; twice only those whose send was on the wire, unanswered, at the kill.
        var perChat = _api.Sent.GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.Count());
        var twice = perChat.Where(c => c.Value == 2).Select(c => c.Key).ToList();
        Assert.Equal(Owners, perChat.Count);
        Assert.All(Enumerable.Range(1, Owners), chat => Assert.InRange(perChat.GetValueOrDefault(chat), 1, 2));
        Assert.Equal(deliveredAtKill - recordedAtKill, twice.Count);
        Assert.InRange(twice.Count, 1, ConcurrentSends);
        Assert.All(_api.Sent, m => Assert.Contains("Catatan", m.Text, StringComparison.Ordinal)); // the dialog's title: the unfinished nudge
        Assert.All(_api.Sent, m => Assert.Single(m.Buttons));

        // Each queued once: one outbox row per reminder, all sent, and nothing left to send.
        Assert.Equal(Owners, Sql.Count(_folder.DatabasePath, "SELECT COUNT(DISTINCT outbox_id) FROM reminders WHERE state = 'sent'"));
        Assert.Equal(Owners, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM outbox"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"));
    }

    /// <summary>
    /// Owners 1..60 on Telegram, each stopped mid-dialog (the notes dialog) 25 hours ago and silent since, with the
    /// nudge the planner would have scheduled for a day later: due an hour ago.
    /// </summary>
    private void Seed()
    {
        Broadcasts.Owners.CreateSchema(_folder.DatabasePath);
        var now = DateTimeOffset.UtcNow;
        var stopped = (now - TimeSpan.FromHours(25)).ToUnixTimeMilliseconds();
        var due = (now - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds();
        Sql.Execute(_folder.DatabasePath, string.Create(CultureInfo.InvariantCulture, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Owners})
            INSERT INTO users (id, channel, chat_id, language, created_at, last_seen_at)
            SELECT i, 'telegram', CAST(i AS TEXT), 'id', {stopped}, {stopped} FROM n;
            INSERT INTO conversations (id, user_id, dialog_id, dialog_version, step_id, status, history, started_at, updated_at)
            SELECT id, id, 'notes', 1, 'note', 0, '[]', {stopped}, {stopped} FROM users;
            INSERT INTO reminders (user_id, kind, subject, due_at, state, created_at, updated_at)
            SELECT user_id, 'unfinished', CAST(id AS TEXT) || '@' || CAST(updated_at AS TEXT), {due}, 'scheduled', {stopped}, {stopped} FROM conversations;
            """));
    }

    private Dictionary<string, string> Environment()
    {
        var environment = TelegramWorker.ProcessEnvironment(_api, _folder);
        environment["Telegram__MaxMessagesPerSecond"] = Rate.ToString(CultureInfo.InvariantCulture);
        environment["Telegram__MaxConcurrentSends"] = ConcurrentSends.ToString(CultureInfo.InvariantCulture);
        environment["Broadcasts__QuietHoursStart"] = "00:00"; // no quiet hours: the test must not depend on the time of day
        environment["Broadcasts__QuietHoursEnd"] = "00:00";
        environment["Reminders__FeedInterval"] = "00:00:00.500";
        environment["Reminders__BatchSize"] = "20";
        environment["Reminders__TextsPath"] = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "data", "reminders.yaml");
        return environment;
    }

    /// <summary>How many reminders are in each state.</summary>
    private Dictionary<string, long> States()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, COUNT(*) FROM reminders GROUP BY state";
        using var reader = command.ExecuteReader();
        var states = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            states[reader.GetString(0)] = reader.GetInt64(1);
        }

        return states;
    }

    /// <summary>Reads the worker's output as it comes (a full pipe would stall it) and keeps it for a failure message.</summary>
    private static StringBuilder Drain(Process worker)
    {
        var log = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs line)
        {
            lock (log)
            {
                log.AppendLine(line.Data);
            }
        }

        worker.OutputDataReceived += Append;
        worker.ErrorDataReceived += Append;
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        return log;
    }

    private static async Task WaitUntil(Func<bool> condition, Process worker, StringBuilder log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (worker.HasExited)
            {
                await worker.WaitForExitAsync();
                throw new InvalidOperationException($"The worker exited ({worker.ExitCode}): {log}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out; the worker said: {log}");
            }

            await Task.Delay(50);
        }
    }
}
