using System.Globalization;
using ChatAssistant.Tests.Support;
using Xunit.Abstractions;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// The worker as a real process under a crowd: 200 owners writing at once (with Meta refusing a few sends on the way),
/// then a few owners typing faster than the pair limit lets the business answer them. Every message is answered, each
/// owner's replies in the order of their messages, and the requests, as the stand-in Cloud API saw them arrive, never
/// exceed the number's limit in any one-second window nor the pair limit for any owner.
/// </summary>
public sealed class WhatsAppLoadProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Owners = 200;
    private const int NotesEach = 2;
    private const int FastOwners = 4;
    private const int FastNotes = 12;

    // Small, so that 200 owners at once are far over it and the limit decides when each reply goes.
    private const int Rate = 40;

    // The pair limit in this test: a token bucket of two, earning one a second (Meta's is about one per 6 s, with
    // bursts), so that it bites within the test's seconds.
    private const int PairBurst = 2;
    private static readonly TimeSpan PairInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan StampDelayAllowed = TimeSpan.FromMilliseconds(250);

    private readonly TempFolder _folder = new();
    private FakeCloudApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeCloudApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Two_hundred_owners_at_once_are_each_answered_in_order_within_the_number_and_pair_limits()
    {
        _folder.File("dialogs/notes.yaml", Telegram.TelegramTestDialogs.Notes);
        var environment = WhatsAppProcess.Environment(_api, _folder, AssistantProcess.FreePort(), Path.Combine(_folder.Path, "dialogs"));
        environment["WhatsApp__MaxMessagesPerSecond"] = Rate.ToString(CultureInfo.InvariantCulture);
        environment["WhatsApp__PerChatInterval"] = PairInterval.ToString("c", CultureInfo.InvariantCulture);
        environment["WhatsApp__PerChatBurst"] = PairBurst.ToString(CultureInfo.InvariantCulture);
        environment["WhatsApp__InitialBackoff"] = "00:00:00.200";
        await using var worker = await WhatsAppProcess.StartAsync(_api, environment);

        // The crowd, everyone at once; each owner's own messages one after the other, as a person types them. Meta
        // refuses a few sends on the way: throughput (all sending pauses), a server error, the pair rate, a
        // connection dropped before any answer.
        var crowd = Enumerable.Range(1, Owners).Select(CloudOwner.Numbered).ToDictionary(o => o, o => Notes(o, NotesEach));
        _api.AcceptThenFail(60, CloudFailure.Throughput(), CloudFailure.ServerError(503), CloudFailure.PairRate(), CloudFailure.Dropped());
        await WriteAsync(crowd);
        await AllAnsweredAsync(crowd, worker);

        // Then owners who type faster than the pair limit lets the business answer, with the number otherwise idle.
        var fast = Enumerable.Range(Owners + 1, FastOwners).Select(CloudOwner.Numbered).ToDictionary(o => o, o => Notes(o, FastNotes));
        await WriteAsync(fast);
        await AllAnsweredAsync(fast, worker);

        var sends = _api.Sends;
        // The stand-in's own lateness in stamping requests near a time, on this shared machine; at most a quarter second.
        TimeSpan LagAround(TimeSpan at)
        {
            var lag = _api.LagAround(at, TimeSpan.FromSeconds(1));
            return lag < StampDelayAllowed ? lag : StampDelayAllowed;
        }

        var byOwner = crowd.Concat(fast).ToDictionary(p => p.Key, p => sends.Where(s => p.Key.Is(s.To)).ToList());
        foreach (var (owner, notes) in crowd.Concat(fast))
        {
            // Every message answered once, in the order written: the question first, then each note.
            var parts = CloudSends.Parts(byOwner[owner]);
            Assert.Equal("Tulis catatan:", parts[0]);
            Assert.Equal(notes.Select(n => "Dicatat: " + n), parts.Where(p => p.StartsWith("Dicatat: ", StringComparison.Ordinal)));

            // Every request to the owner (refused ones too) within the pair limit.
            var breach = CloudSends.PairLimitBreach(byOwner[owner], PairInterval, PairBurst, at => LagAround(at) + TimeSpan.FromMilliseconds(50));
            Assert.True(breach is null, $"{owner.Key}: {breach}");
        }

        Assert.Equal(4, sends.Count(s => !s.Accepted));
        Assert.Equal(crowd.Concat(fast).Sum(p => p.Value.Count + 1), Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));

        // Every request the worker made, in every window of one second as the stand-in saw them arrive.
        var (busiest, from) = CloudSends.BusiestSecond(sends, LagAround);
        var (stamped, _) = CloudSends.BusiestSecond(sends);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sends.Count} requests in {(sends[^1].At - sends[0].At).TotalSeconds:0.0} s; busiest second {busiest} from {from.TotalSeconds:0.000} s ({stamped} by the stamps, the stand-in {LagAround(from).TotalMilliseconds:0} ms late there); the fast owners got {string.Join(", ", fast.Keys.Select(o => byOwner[o].Count))} messages"));
        Assert.True(busiest <= Rate, $"{busiest} sends in the {1000 - LagAround(from).TotalMilliseconds:0} ms from {from.TotalSeconds:0.000} s; the limit is {Rate} a second");

        // The limits bit: the crowd kept the number at its limit, and the fast owners' replies waited for the pair
        // limit and were merged (several notes in one message) rather than sent faster.
        Assert.True(busiest >= Rate * 3 / 4, $"the busiest second had {busiest} sends: the crowd never reached the limit, so the test proves little");
        Assert.All(fast.Keys, o => Assert.True(byOwner[o].Count < FastNotes, $"{o.Key} got {byOwner[o].Count} messages"));
        Assert.Contains(fast.Keys, o => byOwner[o].Any(s => s.Accepted && s.Text.Split("\n\n").Count(p => p.StartsWith("Dicatat: ", StringComparison.Ordinal)) >= 2));
        Assert.False(worker.Process.HasExited, worker.Log);
    }

    private Task WriteAsync(Dictionary<CloudOwner, List<string>> owners) =>
        Task.WhenAll(owners.Select(async pair =>
        {
            await _api.OwnerWritesAsync(pair.Key, "/catat");
            foreach (var note in pair.Value)
            {
                await _api.OwnerWritesAsync(pair.Key, note);
            }
        }));

    private Task AllAnsweredAsync(Dictionary<CloudOwner, List<string>> owners, WhatsAppProcess worker)
    {
        var expected = owners.Values.SelectMany(notes => notes.Select(n => "Dicatat: " + n)).ToHashSet(StringComparer.Ordinal);
        int Answered() => CloudSends.Parts(_api.Sends).Count(expected.Contains);
        return FakeCloudApi.WaitUntilAsync(() => Answered() >= expected.Count, TimeSpan.FromSeconds(90),
            () => $"{Answered()} of {expected.Count} notes answered; {worker.Log}");
    }

    private static List<string> Notes(CloudOwner owner, int count) =>
        [.. Enumerable.Range(1, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"n{n}-{owner.WaId[^4..]}"))];
}
