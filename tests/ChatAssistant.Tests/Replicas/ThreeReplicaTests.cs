using System.Globalization;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Xunit.Abstractions;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// Three worker processes on one PostgreSQL database, in webhook mode behind a stand-in Telegram that posts each
/// update to the next replica in turn, all sending through one stand-in Bot API server: every owner's dialog is
/// answered once and in order whichever replica got which update, and a replica killed hard mid-stream loses nothing,
/// repeats only the sends it had on the wire, and hands sending over within seconds without the replicas together
/// ever sending faster than the channel's limit.
/// </summary>
public sealed class ThreeReplicaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Replicas = 3;
    private const int ConcurrentSends = 4;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;
    private ReplicaDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync(TelegramWorker.Token, entrances: Replicas);
        _database = new ReplicaDatabase(TestPostgres.NewDatabase());
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Five_hundred_owners_on_three_replicas_each_get_their_dialog_answered_once_and_in_order_with_updates_spread_over_all_three()
    {
        var owners = Owners(500);
        await using var cluster = await StartAsync(rate: 1000, perChatInterval: "00:00:00.020");
        using var telegram = new ReplicaWebhookTelegram(cluster.Webhooks, ReplicaCluster.Secret);

        await ChatAsync(telegram, owners, cluster);
        var transcripts = await AnsweredAsync(owners, cluster);

        Assert.All(owners, owner => Assert.Null(transcripts.Problem(owner)));
        var updates = owners.Count * ReplicaDialog.Messages(0).Count;
        Assert.Equal(updates, telegram.Accepted);
        Assert.All(telegram.AcceptedPerReplica, accepted => Assert.True(accepted >= updates / Replicas / 2, Spread(telegram)));
        Assert.Equal(updates, _database.Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(owners.Count, _database.Count("SELECT COUNT(*) FROM conversations WHERE dialog_id = 'usaha' AND outcome = 'saved'"));
        Assert.Equal(0, _database.Count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"));
        output.WriteLine(Spread(telegram));
        output.WriteLine(SendsPerReplica(Sends()));
    }

    /// <summary>Every sendMessage request the stand-in got, failed ones included, by arrival.</summary>
    private List<ApiCall> Sends() =>
        _api.Calls.Where(call => call.Method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase)).OrderBy(call => call.At).ToList();

    private static string SendsPerReplica(List<ApiCall> sends) =>
        "sends per replica: " + string.Join(", ", sends.GroupBy(call => call.Entrance).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"replica {g.Key}: {g.Count()}")));

    private static List<long> Owners(int count) => Enumerable.Range(1, count).Select(i => 7_000_000L + i).ToList();

    private Task<ReplicaCluster> StartAsync(int rate, string perChatInterval) =>
        ReplicaCluster.StartAsync(Replicas, _api, _folder, replica => new Dictionary<string, string>(_database.Settings(replica))
        {
            ["Telegram__MaxMessagesPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Telegram__PerChatInterval"] = perChatInterval,
            ["Telegram__MaxConcurrentSends"] = ConcurrentSends.ToString(CultureInfo.InvariantCulture),
            ["Telegram__InitialBackoff"] = "00:00:00.100",
        });

    /// <summary>Every owner goes through the dialog at once, each one's messages one after another.</summary>
    private static async Task ChatAsync(ReplicaWebhookTelegram telegram, List<long> owners, ReplicaCluster cluster)
    {
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            await Task.WhenAll(owners.Select(owner => telegram.ChatAsync(owner, ReplicaDialog.Messages(owner), timeout.Token)));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The replicas did not accept every update within {Wait}: {Spread(telegram)}\n{cluster.Logs()}");
        }
    }

    /// <summary>Waits until every owner got every reply of the dialog; the transcripts then.</summary>
    private async Task<ReplicaTranscripts> AnsweredAsync(List<long> owners, ReplicaCluster cluster)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var transcripts = new ReplicaTranscripts(_api.Sent);
            var waiting = owners.Where(owner => !transcripts.Complete(owner)).ToList();
            if (waiting.Count == 0)
            {
                return transcripts;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{waiting.Count} owners still wait for replies after {Wait}, e.g. {transcripts.Problem(waiting[0])}\n{cluster.Logs()}");
            await Task.Delay(200);
        }
    }

    private static string Spread(ReplicaWebhookTelegram telegram) => string.Create(
        CultureInfo.InvariantCulture,
        $"accepted per replica [{string.Join(", ", telegram.AcceptedPerReplica)}], failed posts per replica [{string.Join(", ", telegram.FailedPerReplica)}]");
}
