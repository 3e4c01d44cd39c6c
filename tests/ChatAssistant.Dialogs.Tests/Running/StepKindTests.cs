using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

public class StepKindTests
{
    private static readonly DialogCatalog Catalog = TestDialogs.Catalog(TestDialogs.Business, TestDialogs.Survey);

    [Fact]
    public void Say_step_is_shown_together_with_the_first_question()
    {
        var chat = new Chat(Catalog);

        var reply = chat.Send("/usaha");

        Assert.Equal("Selamat datang di pendataan usaha.\n\nApa nama usaha Anda?", reply.Text);
        Assert.Equal("name", chat.Step);
    }

    [Fact]
    public void Text_answer_is_saved_under_its_profile_key()
    {
        var chat = new Chat(Catalog);
        chat.Send("/usaha");

        chat.Send("  Toko Sari  ");

        Assert.Equal(DialogValue.FromText("Toko Sari"), chat.Session.Profile["business_name"]);
        Assert.Contains("business_name", chat.Session.ChangedProfile);
        Assert.Equal("workers", chat.Step);
    }

    [Fact]
    public void Integer_answer_is_saved_as_a_number()
    {
        var chat = Started();

        chat.Send("1.200");
        Assert.Equal("workers", chat.Step); // over max 1000

        chat.Send("12");

        Assert.Equal(DialogValue.FromNumber(12), chat.Active!.Answers["workers"]);
        Assert.Equal("sales", chat.Step);
    }

    [Fact]
    public void Money_answer_is_saved_in_rupiah()
    {
        var chat = Started("Toko Sari", "3");

        chat.Send("15 juta");

        Assert.Equal(DialogValue.FromMoney(15_000_000), chat.Active!.Answers["sales"]);
        Assert.Contains("sales", chat.Active.ChangedAnswers);
        Assert.Equal("sector", chat.Step);
    }

    [Theory]
    [InlineData("tidak")]
    [InlineData("ga")]
    public void A_bare_no_at_a_money_question_is_said_back_as_nothing_before_it_is_stored(string typed)
    {
        var chat = Started("Toko Sari", "3");

        var check = chat.Send(typed);

        // "tidak" may mean no answer as well as no sales: Rp0 only once the owner says so.
        Assert.Contains("Rp0 — benar?", check.Text, StringComparison.Ordinal);
        Assert.False(chat.Active!.Answers.ContainsKey("sales"));
        Assert.Equal("sales", chat.Step);

        var again = chat.Send("tidak");
        Assert.Contains("Berapa omzet per tahun?", again.Text, StringComparison.Ordinal);
        Assert.False(chat.Active.Answers.ContainsKey("sales"));

        chat.Send(typed);
        chat.Send("ya");
        Assert.Equal(DialogValue.FromMoney(0), chat.Active.Answers["sales"]);
        Assert.Equal("sector", chat.Step);
    }

    [Theory]
    [InlineData("gak ada")]
    [InlineData("belum ada omzet")]
    [InlineData("nol")]
    public void Nothing_at_all_said_plainly_at_a_money_question_is_stored_at_once(string typed)
    {
        var chat = Started("Toko Sari", "3");

        chat.Send(typed);

        Assert.Equal(DialogValue.FromMoney(0), chat.Active!.Answers["sales"]);
        Assert.Equal("sector", chat.Step);
    }

    [Fact]
    public void Choice_question_shows_one_button_per_option_in_the_owners_language()
    {
        var chat = Started("Toko Sari", "3", "15 juta");

        Assert.Equal(["Makanan", "Kerajinan", "Lainnya"], chat.Last.Buttons.Select(b => b.Label));
        Assert.Equal(["food", "craft", "other"], chat.Last.Buttons.Select(b => Chat.ValueOf(b.Data)));
        Assert.All(chat.Last.Buttons, b => Assert.Equal(chat.LastToken + "|" + Chat.ValueOf(b.Data), b.Data));
    }

    [Theory]
    [InlineData("2", "craft")]
    [InlineData("kerajinan", "craft")]
    [InlineData("Craft", "craft")]
    [InlineData("other", "other")]
    public void Choice_accepts_a_number_a_label_in_any_language_or_the_value(string typed, string expected)
    {
        var chat = Started("Toko Sari", "3", "15 juta");

        chat.Send(typed);

        Assert.Equal(DialogValue.FromText(expected), chat.Active!.Answers["sector"]);
        Assert.Equal("has_nib", chat.Step);
    }

    [Fact]
    public void Choice_accepts_a_tapped_button()
    {
        var chat = Started("Toko Sari", "3", "15 juta");

        chat.TapLabel("Kerajinan");

        Assert.Equal(DialogValue.FromText("craft"), chat.Active!.Answers["sector"]);
    }

    [Theory]
    [InlineData("ya", true)]
    [InlineData("Y", true)]
    [InlineData("iya", true)]
    [InlineData("1", true)]
    [InlineData("tidak", false)]
    [InlineData("n", false)]
    [InlineData("belum", false)]
    [InlineData("2", false)]
    public void Yes_no_accepts_what_owners_type(string typed, bool expected)
    {
        var chat = Started("Toko Sari", "3", "15 juta", "2");

        chat.Send(typed);

        Assert.Equal(DialogValue.FromBool(expected), LastAnswer(chat, "has_nib"));
    }

    [Fact]
    public void Yes_no_question_has_yes_and_no_buttons()
    {
        var chat = Started("Toko Sari", "3", "15 juta", "2");

        Assert.Equal(["Ya", "Tidak"], chat.Last.Buttons.Select(b => b.Label));
        chat.TapLabel("Ya");

        Assert.Equal(DialogValue.FromBool(true), LastAnswer(chat, "has_nib"));
    }

    [Fact]
    public void Compute_step_sets_its_key_from_the_first_case_that_holds()
    {
        var chat = Started("Toko Sari", "3", "15 juta", "2", "tidak");

        Assert.Equal(DialogValue.FromText("micro"), LastAnswer(chat, "business_class"));
    }

    [Fact]
    public void Compute_step_falls_back_to_its_default_case()
    {
        var chat = Started("Toko Sari", "3", "3 miliar", "2", "tidak");

        Assert.Equal(DialogValue.FromText("bigger"), LastAnswer(chat, "business_class"));
    }

    [Fact]
    public void End_step_completes_the_conversation_with_its_outcome_and_offers_the_menu()
    {
        var chat = Started("Toko Sari", "3", "15 juta", "2", "tidak");

        var conversation = Assert.Single(chat.Session.Conversations);
        Assert.Equal(ConversationStatus.Completed, conversation.Status);
        Assert.Equal("micro", conversation.Outcome);
        Assert.Null(chat.Session.Active);
        Assert.Equal(
            "Toko Sari: usaha mikro, omzet Rp15.000.000, 3 pekerja, bidang Kerajinan.\n\n"
            + "Terima kasih, data usaha mikro Anda tercatat.\n\nKetik /menu untuk layanan lain.",
            chat.Last.Text);
        Assert.Equal(["/usaha", "/survei"], chat.Last.Buttons.Select(b => b.Data));
    }

    [Fact]
    public void Placeholders_show_labels_numbers_and_money_in_the_owners_language()
    {
        var chat = new Chat(Catalog, Languages.English);
        foreach (var answer in new[] { "/usaha", "Sari Snacks", "1200", "3", "1.500.000", "1", "no" })
        {
            chat.Send(answer);
        }

        Assert.Equal(
            "Sari Snacks: a micro business, sales Rp1,500,000, 3 workers, sector Food.\n\n"
            + "Thank you, your micro business is recorded.\n\nType /menu for another service.",
            chat.Last.Text);
    }

    [Fact]
    public void Finished_conversation_is_saved_once_and_then_dropped_from_the_session()
    {
        var chat = Started("Toko Sari", "3", "15 juta", "2", "tidak");
        var conversation = chat.Session.Conversations[0];
        Assert.True(conversation.IsChanged);

        chat.Session.AcceptChanges();

        Assert.Empty(chat.Session.Conversations);
        Assert.Equal(DialogValue.FromText("Toko Sari"), chat.Session.Profile["business_name"]);
    }

    /// <summary>A chat inside the business dialog, with the given answers already sent.</summary>
    internal static Chat Started(params string[] answers)
    {
        var chat = new Chat(Catalog);
        chat.Send("/usaha");
        foreach (var answer in answers)
        {
            chat.Send(answer);
        }

        return chat;
    }

    /// <summary>An answer of the owner's latest conversation, finished or not.</summary>
    internal static DialogValue LastAnswer(Chat chat, string key) =>
        chat.Session.Conversations[^1].Answers.TryGetValue(key, out var value) ? value : DialogValue.None;
}
