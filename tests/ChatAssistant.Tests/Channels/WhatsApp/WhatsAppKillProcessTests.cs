using System.Globalization;
using ChatAssistant.Tests.Support;
using Xunit.Abstractions;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// The worker as a real process, killed hard while owners keep writing and replies are on the wire, then started
/// again on the same database at the same address: Meta's redeliveries bring what the dead worker did not take,
/// every message is answered, and only the sends that were in flight at the kill can reach an owner twice.
/// </summary>
public sealed class WhatsAppKillProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ConcurrentSends = 4;
    private const int Owners = 30;
    private const int NotesEach = 9;

    private readonly TempFolder _folder = new();
    private FakeCloudApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeCloudApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_worker_killed_hard_mid_stream_and_restarted_answers_every_message_repeating_only_sends_in_flight()
    {
        _folder.File("dialogs/notes.yaml", Telegram.TelegramTestDialogs.Notes);
        var environment = WhatsAppProcess.Environment(_api, _folder, AssistantProcess.FreePort(), Path.Combine(_folder.Path, "dialogs"));
        environment["WhatsApp__MaxMessagesPerSecond"] = "40";
        environment["WhatsApp__MaxConcurrentSends"] = ConcurrentSends.ToString(CultureInfo.InvariantCulture);
        environment["WhatsApp__PerChatInterval"] = "00:00:00.050";
        var owners = Enumerable.Range(1, Owners).Select(CloudOwner.Numbered).ToList();
        var notes = owners.ToDictionary(o => o, o => Enumerable.Range(1, NotesEach).Select(n => string.Create(CultureInfo.InvariantCulture, $"n{n}-{o.WaId[^4..]}")).ToList());

        Task writing;
        await using (var first = await WhatsAppProcess.StartAsync(_api, environment))
        {
            // Owners keep writing through the kill and the restart; the stand-in redelivers what is not answered 200.
            writing = Task.WhenAll(owners.Select(async owner =>
            {
                await _api.OwnerWritesAsync(owner, "/catat");
                foreach (var note in notes[owner])
                {
                    await _api.OwnerWritesAsync(owner, note);
                }
            }));

            await _api.WaitForAcceptedCountAsync(40, TimeSpan.FromSeconds(60));

            // The hardest moment to die: sends Meta took whose answers the worker has not read.
            _api.HoldAnswers();
            await FakeCloudApi.WaitUntilAsync(() => _api.HeldAnswers > 0, TimeSpan.FromSeconds(30), () => "no send arrived while answers were held");

            // Give the worker's other sending slots a moment to fill too (however many do, the test holds).
            var settle = DateTime.UtcNow + TimeSpan.FromSeconds(2);
            while (_api.HeldAnswers < ConcurrentSends && DateTime.UtcNow < settle)
            {
                await Task.Delay(25);
            }

            await first.KillAsync();
            _api.ReleaseAnswers();
        }

        var answeredAtKill = AnsweredNotes();
        var inFlightAtKill = _api.HeldAnswers;
        Assert.True(answeredAtKill < Owners * NotesEach, "the kill came after everything was answered; the test proves nothing");

        await using var second = await WhatsAppProcess.StartAsync(_api, environment);
        await writing;
        await FakeCloudApi.WaitUntilAsync(() => AnsweredNotes() >= Owners * NotesEach, TimeSpan.FromSeconds(60),
            () => $"{AnsweredNotes()} of {Owners * NotesEach} notes answered; {second.Log}");

        // Every message answered (each owner's question and every note), each stored once.
        var repeats = 0;
        foreach (var owner in owners)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var send in _api.AcceptedTo(owner))
            {
                // A reply is known by its note; the question alone (the answer to /catat) by its whole text.
                var replies = send.Text.Split("\n\n").Where(p => p.StartsWith("Dicatat: ", StringComparison.Ordinal)).DefaultIfEmpty(send.Text).ToList();
                if (replies.Any(r => !seen.Add(r)))
                {
                    repeats++;
                }
            }

            Assert.Equal("Tulis catatan:", CloudSends.Parts(_api.AcceptedTo(owner))[0]);
            Assert.All(notes[owner], n => Assert.Contains("Dicatat: " + n, seen));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{_api.Accepted.Count} sends; {answeredAtKill} of {Owners * NotesEach} notes answered at the kill, {inFlightAtKill} sends unanswered; {repeats} sends repeated"));
        Assert.InRange(inFlightAtKill, 1, ConcurrentSends);
        Assert.InRange(repeats, 0, inFlightAtKill);
        Assert.Equal(Owners * (NotesEach + 1), Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));
        Assert.False(second.Process.HasExited, second.Log);
    }

    private int AnsweredNotes() =>
        CloudSends.Parts(_api.Sends).Where(p => p.StartsWith("Dicatat: ", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Count();
}
