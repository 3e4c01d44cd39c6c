using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

public class DateInputTests
{
    private const string Yaml = """
        id: founded
        version: 1
        languages: [id, en]
        title: { id: Berdiri, en: Founded }
        commands: [/berdiri]
        start: founded
        steps:
          founded:
            ask: { id: Kapan usaha Anda mulai?, en: When did your business start? }
            input: date
            next: done
          done:
            end: { id: "Tercatat {founded}.", en: "Recorded {founded}." }
        """;

    [Theory]
    [InlineData("31-12-2025")]
    [InlineData("31/12/2025")]
    [InlineData("31 Desember 2025")]
    [InlineData("31 des 2025")]
    [InlineData("2025-12-31")]
    [InlineData("December 31, 2025")]
    public void A_date_question_saves_the_date_an_owner_types(string typed)
    {
        var chat = new Chat(TestDialogs.Catalog(Yaml));
        chat.Send("/berdiri");

        var reply = chat.Send(typed);

        Assert.StartsWith("Tercatat 31 Desember 2025.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(DialogValue.FromDate(new DateOnly(2025, 12, 31)), chat.Session.Conversations.Single().Answers["founded"]);
    }

    [Fact]
    public void A_date_that_does_not_exist_is_asked_again()
    {
        var chat = new Chat(TestDialogs.Catalog(Yaml));
        chat.Send("/berdiri");

        chat.Send("31-02-2025");

        Assert.Equal("founded", chat.Step);
        chat.Send("1 Jan 2024");
        Assert.Equal(DialogValue.FromDate(new DateOnly(2024, 1, 1)), chat.Session.Conversations.Single().Answers["founded"]);
    }
}
