using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.BadInput;

/// <summary>
/// Bad-input corpus, webhooks: requests posted to the Telegram webhook of the real worker in webhook mode (one
/// worker takes them all). Each gets its designed status; none starts a conversation or stores an owner, only an
/// update that is a JSON object but cannot be used is kept as a dead letter, a redelivered update is applied
/// once, and the next owner is still answered.
///
/// Count: 5 secrets + 20 bodies + 1 duplicate update = 26 requests. TelegramMalformedUpdateTests and
/// TelegramWebhookTests hold 11 more (4 bodies that are not JSON objects, 5 unusable updates, 2 secrets).
/// </summary>
public sealed class BadWebhookCorpusTests : IAsyncLifetime
{
    private const string Secret = "s3cr3t-Token_for-tests";
    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    private static readonly string[] WrongSecrets = ["not-the-secret", "", Secret.ToUpperInvariant(), Secret + "x", Secret[..^1]];

    private static string Message(string update) =>
        "{\"update_id\":" + update + ",\"message\":{\"message_id\":1,\"date\":1767225600,\"chat\":{\"id\":4242,\"type\":\"private\",\"first_name\":\"Owner\"},\"from\":{\"id\":4242,\"is_bot\":false,\"first_name\":\"Owner\"},\"text\":\"/catat\"}}";

    /// <summary>Bodies with the right secret, and the status each must get: 400 not JSON, 413 too big, 200 kept as a dead letter or passed.</summary>
    private static readonly (string Name, byte[] Body, HttpStatusCode Status)[] Bodies =
    [
        ("json null", "null"u8.ToArray(), HttpStatusCode.BadRequest),
        ("json string", "\"update\""u8.ToArray(), HttpStatusCode.BadRequest),
        ("json true", "true"u8.ToArray(), HttpStatusCode.BadRequest),
        ("empty array", "[]"u8.ToArray(), HttpStatusCode.BadRequest),
        ("array of updates", Encoding.UTF8.GetBytes("[" + Message("1") + "]"), HttpStatusCode.BadRequest),
        ("only whitespace", "  \r\n\t "u8.ToArray(), HttpStatusCode.BadRequest),
        ("a BOM alone", [0xEF, 0xBB, 0xBF], HttpStatusCode.BadRequest),
        ("binary", [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, 0xFF], HttpStatusCode.BadRequest),
        ("xml", "<update id=\"1\"/>"u8.ToArray(), HttpStatusCode.BadRequest),
        ("form", "update_id=1&text=halo"u8.ToArray(), HttpStatusCode.BadRequest),
        ("over a megabyte", Encoding.UTF8.GetBytes("{\"update_id\":1,\"pad\":\"" + new string('a', 1_100_000) + "\"}"), HttpStatusCode.RequestEntityTooLarge),
        ("update_id a string", Encoding.UTF8.GetBytes(Message("\"satu\"")), HttpStatusCode.OK),
        ("update_id a float", Encoding.UTF8.GetBytes(Message("1.5e3")), HttpStatusCode.OK),
        ("update_id past 64 bits", Encoding.UTF8.GetBytes(Message("99999999999999999999999")), HttpStatusCode.OK),
        ("chat a string", """{"update_id":7001,"message":{"message_id":1,"date":1767225600,"chat":"4242","text":"/catat"}}"""u8.ToArray(), HttpStatusCode.OK),
        ("text a number", """{"update_id":7002,"message":{"message_id":1,"date":1767225600,"chat":{"id":4243,"type":"private"},"from":{"id":4243,"is_bot":false,"first_name":"O"},"text":42}}"""u8.ToArray(), HttpStatusCode.OK),
        ("empty object", "{}"u8.ToArray(), HttpStatusCode.OK),
        ("unknown update kind", """{"update_id":7003,"poll":{"id":"p","question":"?","options":[],"total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"regular","allows_multiple_answers":false}}"""u8.ToArray(), HttpStatusCode.OK),
        ("unknown field only", """{"update_id":7004,"from_the_future":{"x":1}}"""u8.ToArray(), HttpStatusCode.OK),
        ("nested a thousand deep", Encoding.UTF8.GetBytes("{\"update_id\":7005,\"x\":" + new string('[', 1000) + new string(']', 1000) + "}"), HttpStatusCode.OK),
    ];

    [Fact]
    public async Task Each_bad_request_gets_its_status_and_starts_no_conversation()
    {
        _folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}/telegram/hook";
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Path.Combine(_folder.Path, "dialogs"), new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = url,
            ["Telegram:WebhookSecret"] = Secret,
            ["Telegram:ListenUrl"] = $"http://127.0.0.1:{port}",
        });
        var failures = new List<string>();

        foreach (var secret in WrongSecrets)
        {
            var response = await _api.PostToWebhookAsync(url, secret, 4300, "/catat");
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"secret \"{secret}\": {response.StatusCode}");
            }
        }

        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));
        foreach (var (name, body, status) in Bodies)
        {
            var response = await _api.PostRawToWebhookAsync(body);
            if (response.StatusCode != status)
            {
                failures.Add($"{name}: {response.StatusCode}, not {status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Null(Sql.Text(_folder.DatabasePath, "SELECT group_concat(chat_id) FROM users"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM conversations"));
        var deadLetters = Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM dead_letters");
        Assert.InRange(deadLetters, 1, Bodies.Count(b => b.Status == HttpStatusCode.OK));

        // The same update delivered twice (Telegram redelivers what it thinks unanswered) is applied once.
        var update = Encoding.UTF8.GetBytes(Message("8001").Replace("4242", "4400", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await _api.PostRawToWebhookAsync(update)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.PostRawToWebhookAsync(update)).StatusCode);
        Assert.Equal("Tulis catatan:", (await _api.WaitForSentAsync(4400, null, TimeSpan.FromSeconds(30))).Text);
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM conversations"));
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM outbox"));
        Assert.Equal(deadLetters, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM dead_letters"));
        Assert.Equal("4400", Sql.Text(_folder.DatabasePath, "SELECT group_concat(chat_id) FROM users"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
