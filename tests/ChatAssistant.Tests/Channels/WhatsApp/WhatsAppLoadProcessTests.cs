using System.Globalization;
using ChatAssistant.Tests.Support;
using Xunit.Abstractions;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// The worker as a real process under a crowd: 200 owners writing at once, and a few owners typing faster than Meta's
/// pair limit lets the business answer them. Every message is answered, each owner's replies in the order of their
/// messages, and the sends, as the stand-in Cloud API saw them arrive, never exceed the number's limit in any
/// one-second window nor the pair limit for any owner.
/// </summary>
public sealed class WhatsAppLoadProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Owners = 200;
    private const int NotesEach = 2;
    private const int FastOwners = 4;
    private const int FastNotes = 12;

    // Small, so that 200 owners at once are far over it and the limit decides when each reply goes.
    private const int Rate = 40;

    // The pair limit in this test: two at once, then one a second (Meta's is about one per 6 s with bursts).
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
        await using var worker = await WhatsAppProcess.StartAsync(_api, environment);

        var crowd = Enumerable.Range(1, Owners).Select(CloudOwner.Numbered).ToList();
        var fast = Enumerable.Range(Owners + 1, FastOwners).Select(CloudOwner.Numbered).ToList();
        var expected = crowd.ToDictionary(o => o, o => Notes(o, NotesEach));
        foreach (var owner in fast)
        {
            expected[owner] = Notes(owner, FastNotes);
        }

        // Everyone at once; each owner's own messages one after the other, as a person types them (Meta keeps an
        // owner's order only that way too).
        await Task.WhenAll(expected.Select(async pair =>
        {
            await _api.OwnerWritesAsync(pair.Key, "/catat");
            foreach (var note in pair.Value)
            {
                await _api.OwnerWritesAsync(pair.Key, note);
            }
        }));

        var replies = expected.Sum(p => p.Value.Count);
        await FakeCloudApi.WaitUntilAsync(
            () => CloudSends.Parts(_api.Sends).Count(p => p.StartsWith("Dicatat: ", StringComparison.Ordinal)) >= replies,
            TimeSpan.FromSeconds(90),
            () => $"{CloudSends.Parts(_api.Sends).Count(p => p.StartsWith("Dicatat: ", StringComparison.Ordinal))} of {replies} notes answered; {worker.Log}");

        var sends = _api.Sends;
        var byOwner = expected.Keys.ToDictionary(o => o, o => sends.Where(s => o.Is(s.To)).ToList());
        foreach (var (owner, notes) in expected)
        {
            // Every message answered once, in the order written: the question first, then each note.
            var parts = CloudSends.Parts(byOwner[owner]);
            Assert.Equal("Tulis catatan:", parts[0]);
            Assert.Equal(notes.Select(n => "Dicatat: " + n), parts.Where(p => p.StartsWith("Dicatat: ", StringComparison.Ordinal)));
            var breach = CloudSends.PairLimitBreach(byOwner[owner], PairInterval, PairBurst, slack: _api.MaxLag + TimeSpan.FromMilliseconds(50));
            Assert.True(breach is null, $"{owner.Key}: {breach}");
        }

        Assert.All(sends, s => Assert.True(s.Accepted, $"refused with {s.StatusCode}: {s.Body}"));
        Assert.Equal(expected.Count + replies, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));

        // Every request the worker made, in every window of one second as the stand-in saw them arrive (allowing for
        // the stand-in's own lateness in stamping them on this shared machine, at most a quarter of a second).
        var lag = _api.MaxLag < StampDelayAllowed ? _api.MaxLag : StampDelayAllowed;
        var (busiest, from) = CloudSends.BusiestSecond(sends, lag);
        var (stamped, _) = CloudSends.BusiestSecond(sends);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sends.Count} sends for {expected.Count + replies} messages in {(sends[^1].At - sends[0].At).TotalSeconds:0.0} s; busiest second {busiest} from {from.TotalSeconds:0.000} s ({stamped} by the stamps, the stand-in up to {_api.MaxLag.TotalMilliseconds:0} ms late); fast owners got {string.Join(", ", fast.Select(o => byOwner[o].Count))} messages"));
        Assert.True(busiest <= Rate, $"{busiest} sends in the {1000 - lag.TotalMilliseconds:0} ms from {from.TotalSeconds:0.000} s; the limit is {Rate} a second");

        // The limits bit: the crowd took the number's limit for seconds, and the fast owners' replies were merged
        // into fewer messages than they wrote, not sent faster than the pair limit allows.
        Assert.True(busiest >= Rate * 3 / 4, $"the busiest second had {busiest} sends: the crowd never reached the limit, so the test proves little");
        Assert.All(fast, o => Assert.InRange(byOwner[o].Count, 2, FastNotes / 2));
        Assert.False(worker.Process.HasExited, worker.Log);
    }

    private static List<string> Notes(CloudOwner owner, int count) =>
        [.. Enumerable.Range(1, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"n{n}-{owner.WaId[^4..]}"))];
}
