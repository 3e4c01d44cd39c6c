using System.Globalization;
using ChatAssistant.Tests.Support;
using Xunit.Abstractions;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// A broadcast to 10,000 owners through the real worker process and the real Telegram client against the test
/// Bot API server, with 429s and a hard kill half-way: the operator's promise is one message per owner who
/// wants them, none for the others, and never faster than the limit.
/// </summary>
public sealed class TelegramBroadcastProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Recipients = 10_000;      // chats 1..10000, of which the last 200 blocked the bot on Telegram's side
    private const int BlockedOnTelegram = 200;
    private const int OptedOut = 300;           // chats 10001..10300: said /berhenti
    private const int Unreachable = 200;        // chats 10301..10500: already known to have blocked the bot
    private const int Rate = 500;               // high, so that the test takes seconds; the limit is checked all the same
    private const int ConcurrentSends = 16;

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
    public async Task A_broadcast_to_10000_owners_with_429s_and_a_hard_kill_reaches_each_opted_in_owner_exactly_once_within_the_rate()
    {
        Seed();
        var environment = Environment();
        var text = _folder.File("announcement.txt", "Pendaftaran Bimtek Digital di Padang ditutup Jumat ini.");
        var textEn = _folder.File("announcement-en.txt", "Registration for the Digital Bimtek in Padang closes this Friday.");
        var created = await AssistantProcess.RunAsync(string.Empty, environment,
            "broadcast", "create", "--text-file", text, "--text-en-file", textEn, "--button", "Catat=/catat");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains($"for {Recipients} owners", created.Output, StringComparison.Ordinal);

        // 5% of all sends are answered 429 (retry_after 0: the pause itself is TelegramLimitsTests' subject).
        _api.FailEveryNthSendWith429(20, retryAfterSeconds: 0);
        using (var first = AssistantProcess.Start(environment))
        {
            _ = Drain(first);
            await _api.WaitForSentCountAsync(Recipients / 2, TimeSpan.FromSeconds(90));

            // The hardest moment to die for "never twice": sends Telegram delivered whose answers have not come
            // back. (A send whose 429 answer is lost in a crash is not repeated either, so that owner would get
            // nothing: the dispatcher cannot tell it from a delivery, and a second copy is worse than none. Such
            // recipients are counted 'uncertain'; the dispatcher tests cover it.)
            _api.HoldAnswers();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var killedAt = _api.Calls[^1].At;
        var deliveredAtKill = Delivered().Count;
        var recordedAtKill = Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcast_recipients WHERE status = 'sent'");
        Assert.True(deliveredAtKill < Recipients - BlockedOnTelegram, "the kill came after everything was sent; the test proves nothing");
        Assert.True(deliveredAtKill > recordedAtKill, "no send was on the wire at the kill; the test proves less than it should");

        _api.ReleaseAnswers();
        using (var second = AssistantProcess.Start(environment))
        {
            var log = Drain(second);
            try
            {
                await WaitUntil(() => Sql.Text(_folder.DatabasePath, "SELECT status FROM broadcasts WHERE id = 1") == "finished", TimeSpan.FromSeconds(90), second, log);
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }

        // Exactly one announcement for each owner who wants them and can get them; none for anyone else. The one
        // exception is by design: a claimed send whose only answer was a 429 that the killed worker had not yet
        // recorded cannot be told from a delivery, so it is left 'uncertain' rather than risk a second copy. Those
        // are sends on the wire at the kill, so there are at most a couple of rounds of concurrent sends of them.
        var perChat = Delivered().GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.Count());
        var refusedAtKill = new List<long>();
        for (long chat = 1; chat <= Recipients - BlockedOnTelegram; chat++)
        {
            var count = perChat.GetValueOrDefault(chat);
            if (count == 0 && RefusedOnlyBeforeTheKill(chat, killedAt))
            {
                refusedAtKill.Add(chat);
            }
            else if (count != 1)
            {
                Assert.Fail($"chat {chat} got {count} announcements; {Trace(chat)}");
            }
        }

        Assert.True(refusedAtKill.Count <= 2 * ConcurrentSends,
            $"{refusedAtKill.Count} owners got nothing after a 429 at the kill, more than the sends that can be on the wire: {string.Join("; ", refusedAtKill.Take(5).Select(Trace))}");
        Assert.Equal(Recipients - BlockedOnTelegram - refusedAtKill.Count, perChat.Count);
        var english = Delivered().Where(m => m.ChatId % 5 == 0).ToList();
        Assert.All(english, m => Assert.Contains("Type /stop", m.Text, StringComparison.Ordinal));
        Assert.All(Delivered().Except(english), m => Assert.Contains("Ketik /berhenti", m.Text, StringComparison.Ordinal));
        Assert.All(Delivered(), m => Assert.Equal(("Catat", "/catat"), (Assert.Single(m.Buttons).Text, Assert.Single(m.Buttons).CallbackData)));

        // Every sendMessage the worker made (429s included), in every window of one second: within the limit.
        var sends = _api.Calls.Where(c => c.Method == "sendMessage").Select(c => c.At).Order().ToArray();
        var (busiest, from) = BusiestSecond(sends);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sends.Length} sends from {sends[0].TotalSeconds:0.0} s to {sends[^1].TotalSeconds:0.0} s; killed at {killedAt.TotalSeconds:0.0} s with {deliveredAtKill} delivered ({deliveredAtKill - recordedAtKill} unanswered); busiest second {busiest}"));
        Assert.True(busiest <= Rate, $"{busiest} sends in the second from {from.TotalSeconds:0.000} s; the limit is {Rate} (killed at {killedAt.TotalSeconds:0.000} s, restarted sending at {sends.First(t => t > killedAt).TotalSeconds:0.000} s)");
        Assert.Contains(_api.Calls, c => c.Method == "sendMessage" && c.StatusCode == 429);

        // The operator's status agrees with Telegram's side.
        Assert.Equal(BlockedOnTelegram, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcast_recipients WHERE status = 'blocked'"));
        Assert.Equal(Recipients - BlockedOnTelegram, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcast_recipients WHERE status IN ('sent', 'uncertain')"));
        Assert.Equal(deliveredAtKill - recordedAtKill + refusedAtKill.Count, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcast_recipients WHERE status = 'uncertain'"));
    }

    /// <summary>Every send to the chat was refused with 429, the last of them before the worker was killed.</summary>
    private bool RefusedOnlyBeforeTheKill(long chat, TimeSpan killedAt)
    {
        var sends = _api.Calls.Where(c => c.ChatId == chat && c.Method == "sendMessage").ToList();
        return sends.Count > 0 && sends.TrueForAll(c => c.StatusCode == 429) && sends[^1].At <= killedAt;
    }

    /// <summary>What the database and the server know of one chat's announcement, for a failure message.</summary>
    private string Trace(long chat)
    {
        var row = Sql.Text(_folder.DatabasePath, string.Create(CultureInfo.InvariantCulture,
            $"SELECT r.status || ' outbox=' || coalesce(o.id, '-') || ' attempts=' || coalesce(o.attempts, '-') || ' claimed=' || coalesce(o.sending_since, '-') || ' sent=' || coalesce(o.sent_at, '-') || ' failed=' || coalesce(o.failed_at, '-') || ' error=' || coalesce(o.error, '-') FROM broadcast_recipients r JOIN users u ON u.id = r.user_id LEFT JOIN outbox o ON o.id = r.outbox_id WHERE u.chat_id = '{chat}'"));
        var calls = _api.Calls.Where(c => c.ChatId == chat).Select(c => c.Method + ":" + c.StatusCode.ToString(CultureInfo.InvariantCulture) + "@" + c.At.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
        return $"recipient: {row}; calls: {string.Join(", ", calls)}";
    }

    private List<SentMessage> Delivered() => _api.Sent.Where(m => m.Text.Contains("Bimtek", StringComparison.Ordinal)).ToList();

    /// <summary>The most sends in any window of one second that starts at a send.</summary>
    private static (int Count, TimeSpan From) BusiestSecond(TimeSpan[] sends)
    {
        var busiest = 0;
        var from = TimeSpan.Zero;
        var end = 0;
        for (var start = 0; start < sends.Length; start++)
        {
            while (end < sends.Length && sends[end] - sends[start] < TimeSpan.FromSeconds(1))
            {
                end++;
            }

            if (end - start > busiest)
            {
                (busiest, from) = (end - start, sends[start]);
            }
        }

        return (busiest, from);
    }

    /// <summary>10,500 owners in three time zones and two languages, written as an operator's import would.</summary>
    private void Seed()
    {
        Broadcasts.Owners.CreateSchema(_folder.DatabasePath);

        var total = Recipients + OptedOut + Unreachable;
        Sql.Execute(_folder.DatabasePath, string.Create(CultureInfo.InvariantCulture, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {total})
            INSERT INTO users (channel, chat_id, language, created_at, last_seen_at, opted_out_at, unreachable_at)
            SELECT 'telegram', CAST(i AS TEXT), CASE WHEN i % 5 = 0 THEN 'en' ELSE 'id' END, 0, 0,
                   CASE WHEN i > {Recipients} AND i <= {Recipients + OptedOut} THEN 1 END,
                   CASE WHEN i > {Recipients + OptedOut} THEN 1 END
            FROM n;
            INSERT INTO profile_values (user_id, key, value, updated_at)
            SELECT id, 'province', CASE id % 3 WHEN 0 THEN 't:Jawa Barat' WHEN 1 THEN 't:Bali' ELSE 't:Papua' END, 0 FROM users;
            """));
        for (var chat = Recipients - BlockedOnTelegram + 1; chat <= Recipients; chat++)
        {
            _api.Block(chat);
        }
    }

    private Dictionary<string, string> Environment()
    {
        _folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        return new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = TelegramWorker.Token,
            ["Telegram__ApiBaseUrl"] = _api.BaseUrl,
            ["Telegram__PollTimeout"] = "00:00:01",
            ["Telegram__MaxMessagesPerSecond"] = Rate.ToString(CultureInfo.InvariantCulture),
            ["Telegram__MaxConcurrentSends"] = ConcurrentSends.ToString(CultureInfo.InvariantCulture),
            ["Broadcasts__QuietHoursStart"] = "00:00", // no quiet hours: the test must not depend on the time of day
            ["Broadcasts__QuietHoursEnd"] = "00:00",
            ["Storage__Path"] = _folder.DatabasePath,
            ["Dialogs__Path"] = Path.Combine(_folder.Path, "dialogs"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    /// <summary>Reads the worker's output as it comes (a full pipe would stall it) and keeps its errors for a failure message.</summary>
    private static System.Text.StringBuilder Drain(System.Diagnostics.Process worker)
    {
        var errors = new System.Text.StringBuilder();
        worker.OutputDataReceived += (_, _) => { };
        worker.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        return errors;
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, System.Diagnostics.Process worker, System.Text.StringBuilder log)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (worker.HasExited)
            {
                await worker.WaitForExitAsync();
                throw new InvalidOperationException($"The worker exited ({worker.ExitCode}): {log}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for the broadcast.");
            }

            await Task.Delay(200);
        }
    }
}
