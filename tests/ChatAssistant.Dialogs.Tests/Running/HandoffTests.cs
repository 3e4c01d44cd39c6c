using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Running;

public class HandoffTests
{
    private static readonly DialogCatalog Catalog = TestDialogs.Catalog(TestDialogs.Business, TestDialogs.Survey);

    /// <summary>A chat with a host that hands conversations to people, waiting at the money question (annual sales).</summary>
    private static Chat AtSales(string language = Languages.Indonesian, bool handoff = true)
    {
        var chat = new Chat(Catalog, language, handoff: handoff);
        chat.Send("/usaha");
        chat.Send("Toko Sari");
        chat.Send("3");
        Assert.Equal("sales", chat.Step);
        return chat;
    }

    [Theory]
    [InlineData("/petugas")]
    [InlineData("/human")]
    [InlineData("/PETUGAS")]
    public void Asking_for_a_person_requests_a_handoff_and_keeps_the_question(string command)
    {
        var chat = AtSales();

        var reply = chat.Send(command);

        Assert.True(chat.Session.HandoffRequested);
        Assert.StartsWith("Baik, pesan Anda kami teruskan ke petugas.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("sales", chat.Step);
        Assert.Equal(ConversationStatus.Active, chat.Active!.Status);
    }

    [Fact]
    public void Asking_for_a_person_is_said_in_english_too()
    {
        var chat = AtSales(Languages.English);

        var reply = chat.Send("/human");

        Assert.True(chat.Session.HandoffRequested);
        Assert.StartsWith("All right, we are passing you to a person.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_people_to_hand_to_the_command_is_unknown_and_nothing_is_requested()
    {
        var chat = AtSales(handoff: false);

        var reply = chat.Send("/petugas");

        Assert.False(chat.Session.HandoffRequested);
        Assert.StartsWith("Maaf, perintah /petugas tidak dikenal.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("sales", chat.Step);
    }

    [Theory]
    [InlineData("/bantuan", Languages.Indonesian, "/petugas – bicara dengan petugas")]
    [InlineData("/help", Languages.English, "/human – talk to a person")]
    public void Help_lists_the_command_for_a_person_where_someone_answers(string command, string language, string line)
    {
        var chat = AtSales(language);

        var reply = chat.Send(command);

        Assert.Contains("\n" + line + "\n", reply.Text, StringComparison.Ordinal);
        Assert.Equal("sales", chat.Step);
    }

    [Theory]
    [InlineData("/bantuan", Languages.Indonesian)]
    [InlineData("/help", Languages.English)]
    public void Help_does_not_list_it_without_people_to_hand_to(string command, string language)
    {
        var chat = AtSales(language, handoff: false);

        var reply = chat.Send(command);

        Assert.DoesNotContain("/petugas", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/human", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_is_offered_at_the_second_answer_in_a_row_not_understood()
    {
        var chat = AtSales();

        var first = chat.Send("banyak");
        Assert.DoesNotContain(first.Buttons, b => b.Data == "/petugas");
        Assert.DoesNotContain("petugas", first.Text, StringComparison.Ordinal);

        var second = chat.Send("banyak sekali");

        Assert.Contains("Perlu bantuan petugas?", second.Text, StringComparison.Ordinal);
        var offer = Assert.Single(second.Buttons, b => b.Data == "/petugas");
        Assert.Equal("Bicara dengan petugas", offer.Label);
        Assert.False(chat.Session.HandoffRequested);
        Assert.Equal("sales", chat.Step);
    }

    [Fact]
    public void Accepting_the_offer_requests_a_handoff()
    {
        var chat = AtSales();
        chat.Send("banyak");
        chat.Send("banyak sekali");

        var reply = chat.TapLabel("Bicara dengan petugas");

        Assert.True(chat.Session.HandoffRequested);
        Assert.StartsWith("Baik, pesan Anda kami teruskan ke petugas.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("sales", chat.Step);
    }

    [Fact]
    public void The_offer_is_in_english_for_an_english_owner()
    {
        var chat = AtSales(Languages.English);
        chat.Send("lots");

        var second = chat.Send("lots and lots");

        Assert.Contains("Need help from a person?", second.Text, StringComparison.Ordinal);
        Assert.Contains(second.Buttons, b => b.Label == "Talk to a person" && b.Data == "/petugas");
    }

    [Fact]
    public void An_answer_read_in_between_starts_the_count_again()
    {
        var chat = AtSales();
        chat.Send("banyak");
        chat.Send("15 juta");
        Assert.Equal("sector", chat.Step);
        chat.Send("/kembali");
        Assert.Equal("sales", chat.Step);

        var reply = chat.Send("banyak");

        Assert.DoesNotContain(reply.Buttons, b => b.Data == "/petugas");
    }

    [Fact]
    public void The_count_survives_a_restart()
    {
        var chat = AtSales();
        chat.Send("banyak");
        chat.RestartProcess(Catalog);

        var second = chat.Send("banyak sekali");

        Assert.Contains(second.Buttons, b => b.Data == "/petugas");
    }

    [Fact]
    public void Without_people_to_hand_to_nothing_is_offered()
    {
        var chat = AtSales(handoff: false);
        chat.Send("banyak");

        var second = chat.Send("banyak sekali");

        Assert.DoesNotContain(second.Buttons, b => b.Data == "/petugas");
        Assert.DoesNotContain("petugas", second.Text, StringComparison.Ordinal);
    }
}
