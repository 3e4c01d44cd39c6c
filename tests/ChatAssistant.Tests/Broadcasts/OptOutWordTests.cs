using ChatAssistant.Channels;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>
/// The plain words STOP and berhenti, alone in a message, turn announcements off as /berhenti does (on WhatsApp "STOP"
/// is how people end a business's messages), except where the current question takes the word as its answer: a
/// free-text question, or a button with that label.
/// </summary>
public sealed class OptOutWordTests : IDisposable
{
    private const string WhatsApp = "whatsapp";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.DatabasePath;

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("Stop!")]
    [InlineData("berhenti")]
    [InlineData("  BERHENTI. ")]
    public async Task The_word_alone_turns_announcements_off_for_a_whatsapp_owner(string word)
    {
        await using var fixture = await StartAsync();
        await WriteAsync(fixture, "6281100000001", "halo");

        var stopped = await WriteAsync(fixture, "6281100000001", word);

        Assert.StartsWith("Baik, Bapak/Ibu tidak akan menerima pengumuman program lagi.", stopped.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(1, OptedOut("6281100000001"));
        var broadcast = await FeederHost.CreateAsync(fixture);
        Assert.Empty(new Owners(Db).Recipients(broadcast));
    }

    [Fact]
    public async Task At_a_question_that_cannot_take_the_word_it_turns_announcements_off_and_the_dialog_waits()
    {
        await using var fixture = await StartAsync();
        await WriteAsync(fixture, "6281100000001", "/omzet");
        await WriteAsync(fixture, "6281100000001", "Toko Ani"); // now at "Omzet setahun?", a money question

        var stopped = await WriteAsync(fixture, "6281100000001", "STOP");

        Assert.StartsWith("Baik, Bapak/Ibu tidak akan menerima pengumuman", stopped.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(1, OptedOut("6281100000001"));
        var resumed = await WriteAsync(fixture, "6281100000001", "/omzet");
        Assert.Contains("Omzet setahun?", resumed.Reply!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_a_free_text_question_the_word_is_the_answer()
    {
        await using var fixture = await StartAsync();
        await WriteAsync(fixture, "6281100000001", "/omzet"); // "Nama usaha Anda?": any text is an answer

        var answered = await WriteAsync(fixture, "6281100000001", "Berhenti");

        Assert.Equal("Omzet setahun?", answered.Reply!.Text);
        Assert.Equal(0, OptedOut("6281100000001"));
        Assert.Equal("t:Berhenti", Sql.Text(Db, "SELECT value FROM profile_values WHERE key = 'business_name'"));
    }

    [Fact]
    public async Task At_a_choice_that_takes_the_word_it_is_that_choice()
    {
        await using var fixture = await StartAsync(ButtonDialog);
        await WriteAsync(fixture, "6281100000001", "/lanjut");

        var answered = await WriteAsync(fixture, "6281100000001", "berhenti");

        Assert.StartsWith("Baik, kita berhenti di sini.", answered.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(0, OptedOut("6281100000001"));
    }

    [Fact]
    public async Task The_word_inside_a_sentence_is_not_an_opt_out_and_telegram_owners_may_use_it_too()
    {
        await using var fixture = await StartAsync();
        await WriteAsync(fixture, "6281100000001", "stop dulu ya");
        Assert.Equal(0, OptedOut("6281100000001"));

        await fixture.SendAsync("tg-sari", "stop"); // the fixture's own channel, as Telegram
        Assert.Equal(1, OptedOut("tg-sari"));
    }

    private const string ButtonDialog = """
        id: continue
        version: 1
        languages: [id, en]
        title: {id: Lanjut, en: Continue}
        commands: [/lanjut]
        start: choose
        steps:
          choose:
            ask: {id: "Lanjut atau berhenti?", en: "Continue or stop?"}
            options:
              - {value: go, id: Lanjut, en: Continue}
              - {value: halt, id: Cukup, en: Enough, synonyms: [berhenti, stop]}
            next:
              - when: {eq: [choose, halt]}
                goto: halted
              - goto: going
          halted:
            end: {id: "Baik, kita berhenti di sini.", en: "All right, we stop here."}
          going:
            end: {id: "Lanjut.", en: "On we go."}
        """;

    private Task<WriterFixture> StartAsync(string dialog = TestDialogs.Sales) =>
        WriterFixture.StartAsync(Db, dialog, Owners.Actions(Owners.ShippedDialog("announcements-stop.yaml"), Owners.ShippedDialog("announcements-start.yaml")));

    private long OptedOut(string chatId) => Sql.Count(Db, $"SELECT COUNT(*) FROM users WHERE chat_id = '{chatId}' AND opted_out_at IS NOT NULL");

    private static Task<HandledMessage> WriteAsync(WriterFixture fixture, string chatId, string text) =>
        fixture.Writer.SubmitAsync(new InboundEnvelope(WhatsApp, chatId, Guid.NewGuid().ToString("N"), InboundMessage.FromText(text), fixture.Time.GetUtcNow()));
}
