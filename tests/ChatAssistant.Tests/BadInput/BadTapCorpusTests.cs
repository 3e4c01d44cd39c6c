using System.Text;
using ChatAssistant.Channels;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Tests.Support;
using ChatAssistant.Tests.Training;
using ChatAssistant.Training;

namespace ChatAssistant.Tests.BadInput;

/// <summary>
/// Bad-input corpus, taps: button data an owner's app never sent for the question they are at (forged, stale,
/// replayed, another owner's, over 64 bytes, empty, only separators, unicode, a command that does not exist),
/// through the real writer with the shipped dialogs on SQLite, in both languages. Each is answered with the
/// current question (a "no longer valid" or a re-prompt in the owner's language) and nothing is stored.
///
/// Count: 24 tap data (23 in <see cref="Taps"/> plus one replay). TapTokenTests, TelegramTapTests and the stand-in
/// Bot API tests hold more, at the engine and over Telegram.
/// </summary>
public sealed class BadTapCorpusTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>The data of each bad tap, from the owner's current token, an older rendering's button and another owner's.</summary>
    private static IEnumerable<string> Taps(string token, string older, string others) =>
    [
        string.Empty,
        "|",
        "||",
        "|||||||||",
        "AAAAAAAA|food",
        "sector|food",
        older,
        others,
        ButtonData.ForTap(token, "food" + new string(' ', 60)),
        new string('A', 65),
        new string('A', 5_000),
        "AAAAAAAA|",
        "ÄÄÄÄÄÄÄÄ|food",
        ButtonData.ForTap(token, "🍜"),
        ButtonData.ForTap(token, "weapons"),
        ButtonData.ForTap(token, "food|craft"),
        "food",
        "\u202E|food",
        "\u0000\u0000",
        "/nosuchcommand",
        "/",
        "/stimulus_lama@OtherBot",
        token,
    ];

    [Theory]
    [InlineData("id")]
    [InlineData("en")]
    public async Task Every_bad_tap_is_answered_with_the_current_question_and_nothing_is_stored(string language)
    {
        var catalog = TrainingCatalog.Parse("test.yaml", TrainingHost.OneProgramme);
        await using var fixture = await WriterFixture.StartAsync(_folder.DatabasePath, BadTextCorpusTests.ShippedDialogs(), TrainingHost.Parts(catalog));
        string[] toSector = ["/stimulus", "yes", "yes", "15 juta", "no", "20 juta", "Siti Aminah", "Warung Bu Siti"];
        OutboundMessage? other = null, first = null, current = null;
        foreach (var owner in new[] { "other", "owner" })
        {
            if (language == "en")
            {
                await fixture.SendAsync(owner, "/language en");
            }

            foreach (var text in toSector)
            {
                current = (await fixture.SendAsync(owner, text)).Reply!;
            }

            other ??= current;
        }

        first = current!;
        current = (await fixture.SendAsync("owner", "bukan pilihan")).Reply!; // asked again: new buttons, the first ones stale
        var question = first.Text.Split("\n\n")[^1];
        var token = Token(current);
        var before = BadTextCorpusTests.Snapshot(_folder.DatabasePath);
        var failures = new List<string>();

        var taps = Taps(token, Food(first), Food(other!)).ToList();
        Assert.Equal(23, taps.Count);
        Assert.Equal(23, taps.Distinct(StringComparer.Ordinal).Count());
        foreach (var data in taps)
        {
            var reply = (await TapAsync(fixture, "owner", data)).Reply;
            Check(data, reply);
        }

        // Replayed: a tap that answered once is stale the second time, and the answer is not stored again.
        var craft = current.Buttons.Single(b => b.Data.EndsWith("|craft", StringComparison.Ordinal)).Data;
        await TapAsync(fixture, "owner", craft);
        question = (await fixture.SendAsync("owner", "/kembali")).Reply!.Text.Split("\n\n")[^1];
        before = BadTextCorpusTests.Snapshot(_folder.DatabasePath);
        Check(craft, (await TapAsync(fixture, "owner", craft)).Reply);

        Assert.True(failures.Count == 0, $"{failures.Count} bad taps ({language}):\n" + string.Join("\n", failures));

        void Check(string data, OutboundMessage? reply)
        {
            var problem = reply is null ? "no reply" : BadTextCorpusTests.Problem(language, data, reply.Text, question);
            var after = BadTextCorpusTests.Snapshot(_folder.DatabasePath);
            if (problem is null && after != before)
            {
                problem = $"stored something:\n  before: {before}\n  after:  {after}";
            }

            if (problem is not null)
            {
                failures.Add($"[{BadTextCorpusTests.Show(data)}] {problem}\n  reply: {BadTextCorpusTests.Show(reply?.Text ?? string.Empty, 400)}");
                before = after;
            }
        }
    }

    private static string Token(OutboundMessage reply) =>
        reply.Buttons.Select(b => b.Data).First(d => !d.StartsWith('/')).Split('|')[0];

    private static string Food(OutboundMessage reply) =>
        reply.Buttons.Single(b => b.Data.EndsWith("|food", StringComparison.Ordinal)).Data;

    private static Task<HandledMessage> TapAsync(WriterFixture fixture, string chat, string data) =>
        fixture.Writer.SubmitAsync(new InboundEnvelope("test", chat, Guid.NewGuid().ToString("N"), InboundMessage.FromButton(data), fixture.Time.GetUtcNow()));

    [Fact]
    public void Every_tap_of_the_corpus_is_distinct_and_some_are_past_telegrams_64_bytes() =>
        Assert.Equal(3, Taps("ABCDEFGH", "old|food", "other|food").Count(t => Encoding.UTF8.GetByteCount(t) > ButtonData.MaxBytes));
}
