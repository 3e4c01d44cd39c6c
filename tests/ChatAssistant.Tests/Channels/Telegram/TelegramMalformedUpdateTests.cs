using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// Updates the worker cannot use, through the stand-in Bot API: each is kept as a dead letter and passed, the
/// next owner is answered, the worker stays up, and after a restart the bad update is not fetched again.
/// </summary>
public sealed class TelegramMalformedUpdateTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    private Dictionary<string, string> Environment() => TelegramWorker.ProcessEnvironment(_api, _folder);

    private static Process Start(Dictionary<string, string> environment)
    {
        var process = AssistantProcess.Start(environment);
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    [Fact]
    public async Task Each_unusable_update_is_kept_as_a_dead_letter_and_passed_and_is_not_fetched_again_after_a_restart()
    {
        var environment = Environment();
        var kinds = MalformedUpdates.Unusable;
        long owner = 900;
        var answered = new List<long>();

        // A bad update, then an owner who must still be answered, for each kind; then the 2^40 id, read as any other.
        foreach (var (_, build) in kinds)
        {
            var chat = ++owner;
            _api.EnqueueRaw(id => build(id, chat));
            _api.EnqueueText(++owner, "/catat");
            answered.Add(owner);
        }

        _api.EnqueueRaw(id => MalformedUpdates.Text(id, ++owner, "\"/catat\""), MalformedUpdates.HugeId);
        answered.Add(owner);
        _api.EnqueueText(++owner, "/catat");
        answered.Add(owner);

        using (var worker = Start(environment))
        {
            try
            {
                foreach (var chat in answered)
                {
                    var reply = await _api.WaitForSentAsync(chat, null, Wait);
                    Assert.Equal("Tulis catatan:", reply.Text);
                }

                Assert.False(worker.HasExited, "the worker stopped");
                Assert.Equal(kinds.Count, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM dead_letters"));
                Assert.Equal((MalformedUpdates.HugeId + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Sql.Text(_folder.DatabasePath, "SELECT value FROM channel_state WHERE channel = 'telegram' AND key = 'offset'"));

                // Operators see them, beside the running worker.
                var (code, output, error) = await AssistantProcess.RunAsync(string.Empty, "deadletters", "list", "--db", _folder.DatabasePath);
                Assert.True(code == 0, error);
                Assert.Contains($"{kinds.Count} dead letter(s)", output, StringComparison.Ordinal);
                Assert.Contains("\\xFF\\xFE", output, StringComparison.Ordinal);
                Assert.Contains("message without chat", output, StringComparison.Ordinal);
                Assert.Contains("callback_query without from", output, StringComparison.Ordinal);
                Assert.Contains("Path: $.message.message_id", output, StringComparison.Ordinal);
            }
            finally
            {
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync();
            }
        }

        var sentBefore = _api.Sent.Count;
        _api.EnqueueText(++owner, "/catat");
        using var restarted = Start(environment);
        try
        {
            var reply = await _api.WaitForSentAsync(owner, null, Wait);
            Assert.Equal("Tulis catatan:", reply.Text);
            Assert.False(restarted.HasExited, "the restarted worker stopped");
            Assert.Equal(kinds.Count, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM dead_letters"));
            Assert.Equal(sentBefore + 1, _api.Sent.Count);
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_webhook_refuses_what_is_not_json_and_keeps_what_cannot_be_used_answering_the_next_owner()
    {
        _folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        var port = FreePort();
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Path.Combine(_folder.Path, "dialogs"), new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = $"http://127.0.0.1:{port}/telegram/hook",
            ["Telegram:WebhookSecret"] = "s3cr3t-Token_for-tests",
            ["Telegram:ListenUrl"] = $"http://127.0.0.1:{port}",
        });

        foreach (var body in new[] { string.Empty, "bukan json", "{\"update_id\":1", "[1,2]" })
        {
            var refused = await _api.PostRawToWebhookAsync(Encoding.UTF8.GetBytes(body));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        long id = 5000, chat = 950;
        foreach (var (name, build) in MalformedUpdates.Unusable.Where(k => k.Name != "not an object"))
        {
            var kept = await _api.PostRawToWebhookAsync(build(++id, ++chat));
            Assert.True(kept.StatusCode == HttpStatusCode.OK, $"{name}: {kept.StatusCode}");
        }

        var next = await _api.PostToWebhookAsync(960, "/catat");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("Tulis catatan:", (await _api.WaitForSentAsync(960, null, Wait)).Text);
        Assert.Equal(MalformedUpdates.Unusable.Count - 1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM dead_letters"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM users WHERE chat_id <> '960'"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
