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
    private ReplicaLagMonitor _lag = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync(TelegramWorker.Token, entrances: Replicas);
        _lag = new ReplicaLagMonitor(_api);
        _database = new ReplicaDatabase(TestPostgres.NewDatabase());
    }

    public async Task DisposeAsync()
    {
        await _lag.DisposeAsync();
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
        Assert.Equal(0, owners.Sum(transcripts.Repeated));
        var updates = owners.Count * ReplicaDialog.Messages(0).Count;
        Assert.Equal(updates, telegram.Accepted);
        Assert.All(telegram.AcceptedPerReplica, accepted => Assert.True(accepted >= updates / Replicas / 2, Spread(telegram)));
        Assert.Equal(updates, _database.Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(owners.Count, _database.Count("SELECT COUNT(*) FROM conversations WHERE dialog_id = 'usaha' AND outcome = 'saved'"));
        Assert.Equal(0, _database.Count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"));
        output.WriteLine(Spread(telegram));
        output.WriteLine(SendsPerReplica(Sends()));
    }

    [Fact]
    public async Task A_replica_killed_hard_mid_stream_loses_nothing_repeats_only_sends_on_the_wire_hands_sending_over_within_10_s_and_never_exceeds_the_rate()
    {
        const int Limit = 30;
        var owners = Owners(150);
        await using var cluster = await StartAsync(rate: Limit, perChatInterval: "00:00:00.200");
        using var telegram = new ReplicaWebhookTelegram(cluster.Webhooks, ReplicaCluster.Secret);

        // Owners who read each reply before typing the next, so that updates still arrive during and after the kill.
        var chatting = ChatAsync(telegram, owners, cluster, readReplies: true);
        await _api.WaitForSentCountAsync(100, Wait);

        // The replica sending now holds the channel's sending: killing it is what sending must survive.
        var sender = Sends().Where(call => call.StatusCode == 200).Last().Entrance;
        var killedAt = _api.Elapsed;
        await cluster.KillAsync(sender);
        Assert.False(owners.All(new ReplicaTranscripts(_api.Sent).Complete), "every owner was answered before the kill; the test proves nothing");

        await chatting;
        var transcripts = await AnsweredAsync(owners, cluster);

        // Nothing lost, nothing handled twice: every owner's dialog whole and in order.
        Assert.All(owners, owner => Assert.Null(transcripts.Problem(owner)));
        var updates = owners.Count * ReplicaDialog.Messages(0).Count;
        Assert.Equal(updates, _database.Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(owners.Count, _database.Count("SELECT COUNT(*) FROM conversations WHERE dialog_id = 'usaha' AND outcome = 'saved'"));
        Assert.Equal(0, _database.Count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"));
        Assert.All(telegram.AcceptedPerReplica, accepted => Assert.True(accepted > 0, Spread(telegram)));
        Assert.True(telegram.FailedPerReplica[sender] > 0, "no update was posted to the killed replica after the kill; the re-posting was not tried: " + Spread(telegram));

        // Sent twice: at most what the killed sender had on the wire, delivered but not yet marked sent.
        var repeated = owners.Sum(transcripts.Repeated);
        Assert.InRange(repeated, 0, ConcurrentSends);

        // One sender before the kill, another one after it, within 10 s.
        var sends = Sends();
        Assert.Equal([sender], sends.Where(call => call.At < killedAt).Select(call => call.Entrance).Distinct());
        var after = sends.Where(call => call.At > killedAt).ToList();
        Assert.NotEmpty(after);
        var takeover = after.First(call => call.Entrance != sender).At - killedAt;
        Assert.True(takeover <= TimeSpan.FromSeconds(10), $"sending resumed {takeover.TotalSeconds:0.0} s after the kill");
        Assert.Single(after.Where(call => call.Entrance != sender).Select(call => call.Entrance).Distinct());

        // The replicas together, in every second as the channel counts it.
        var busiest = BusiestSecond(sends);
        Assert.True(
            busiest.Sends <= Limit,
            $"{busiest.Sends} sends in the {1000 - _lag.Around(busiest.From).TotalMilliseconds:0} ms from {busiest.From.TotalSeconds:0.000} s, over the limit of {Limit} (the kill at {killedAt.TotalSeconds:0.000} s, the next send {takeover.TotalSeconds:0.000} s later): "
            + string.Join(", ", sends.Where(call => call.At >= busiest.From && call.At < busiest.From + TimeSpan.FromSeconds(1) - _lag.Around(busiest.From)).Select(call => $"{call.At.TotalSeconds:0.000}@{call.Entrance}")));

        output.WriteLine(Spread(telegram));
        output.WriteLine(SendsPerReplica(sends));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"killed replica {sender} at {killedAt.TotalSeconds:0.00} s; next send by another replica {takeover.TotalSeconds:0.00} s later; {repeated} message(s) sent twice; busiest second {busiest.Sends} sends (limit {Limit}; the stand-in up to {_lag.Around(busiest.From).TotalMilliseconds:0} ms late there)"));
    }

    /// <summary>Every sendMessage request the stand-in got, failed ones included, by arrival.</summary>
    private List<ApiCall> Sends() =>
        _api.Calls.Where(call => call.Method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase)).OrderBy(call => call.At).ToList();

    /// <summary>
    /// The most sends that arrived within one second of each other, and when that second began: sends stamped within
    /// one second less the stand-in's own lateness there (<see cref="ReplicaLagMonitor"/>) arrived within one second.
    /// </summary>
    private (int Sends, TimeSpan From) BusiestSecond(List<ApiCall> sends)
    {
        var busiest = (Sends: 0, From: TimeSpan.Zero);
        for (var first = 0; first < sends.Count; first++)
        {
            var window = TimeSpan.FromSeconds(1) - _lag.Around(sends[first].At);
            var last = first;
            while (last < sends.Count && sends[last].At - sends[first].At < window)
            {
                last++;
            }

            if (last - first > busiest.Sends)
            {
                busiest = (last - first, sends[first].At);
            }
        }

        return busiest;
    }

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

    /// <summary>
    /// Every owner goes through the dialog at once, each one's messages one after another; with
    /// <paramref name="readReplies"/> each waits for the reply to a message before typing the next.
    /// </summary>
    private async Task ChatAsync(ReplicaWebhookTelegram telegram, List<long> owners, ReplicaCluster cluster, bool readReplies = false)
    {
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            await Task.WhenAll(owners.Select(owner => telegram.ChatAsync(
                owner,
                ReplicaDialog.Messages(owner),
                timeout.Token,
                readReplies ? message => ReadAsync(owner, ReplicaDialog.Replies(owner)[message]) : null)));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The replicas did not accept every update within {Wait}: {Spread(telegram)}\n{cluster.Logs()}");
        }
    }

    private Task ReadAsync(long owner, string reply) =>
        _api.WaitForSentAsync(owner, sent => sent.Text.Split("\n\n").Contains(reply, StringComparer.Ordinal), Wait);

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
