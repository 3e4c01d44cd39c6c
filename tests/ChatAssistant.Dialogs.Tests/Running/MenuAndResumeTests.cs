using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

public class MenuAndResumeTests
{
    private static readonly DialogCatalog Catalog = TestDialogs.Catalog(TestDialogs.Survey, TestDialogs.Business);

    [Theory]
    [InlineData("halo")]
    [InlineData("/start")]
    [InlineData("/menu")]
    public void First_message_gets_the_greeting_and_the_menu_in_menu_order(string typed)
    {
        var chat = new Chat(Catalog);

        var reply = chat.Send(typed);

        Assert.StartsWith("Halo! Saya asisten UMKM.", reply.Text);
        Assert.Equal(["Data usaha", "Survei kepuasan"], reply.Buttons.Select(b => b.Label));
        Assert.Equal(["/usaha", "/survei"], reply.Buttons.Select(b => b.Data));
        Assert.Null(chat.Session.Active);
    }

    [Fact]
    public void Menu_is_shown_in_the_owners_language()
    {
        var chat = new Chat(Catalog, Languages.English);

        var reply = chat.Send("hello");

        Assert.StartsWith("Hello! I am the UMKM assistant.", reply.Text);
        Assert.Equal(["Business data", "Satisfaction survey"], reply.Buttons.Select(b => b.Label));
    }

    [Theory]
    [InlineData("1", "business", "name")]
    [InlineData("2", "survey", "score")]
    [InlineData(" 2 ", "survey", "score")]
    [InlineData("survei kepuasan", "survey", "score")]
    [InlineData("Business data", "business", "name")]
    public void Dialog_starts_by_its_menu_number_or_title(string typed, string dialog, string step)
    {
        var chat = new Chat(Catalog);
        chat.Send("halo");

        chat.Send(typed);

        Assert.Equal(dialog, chat.Session.Active?.DialogId);
        Assert.Equal(step, chat.Step);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("-1")]
    public void Number_outside_the_menu_shows_the_menu_again(string typed)
    {
        var chat = new Chat(Catalog);

        var reply = chat.Send(typed);

        Assert.Null(chat.Session.Active);
        Assert.Equal(2, reply.Buttons.Count);
    }

    [Fact]
    public void Menu_numbers_count_only_the_dialogs_the_menu_shows()
    {
        // A dialog without commands is not in the menu; typing 1 must start the first button, not the hidden dialog.
        const string hidden = """
            id: hidden
            version: 1
            languages: [id, en]
            title: { id: Tersembunyi, en: Hidden }
            menu: 0
            start: only
            steps:
              only:
                end: { id: Rahasia, en: Secret }
            """;
        var chat = new Chat(TestDialogs.Catalog(hidden, TestDialogs.Survey, TestDialogs.Business));
        var menu = chat.Send("halo");
        Assert.Equal(["/usaha", "/survei"], menu.Buttons.Select(b => b.Data));

        chat.Send("1");

        Assert.Equal("business", chat.Session.Conversations.Single().DialogId);
        Assert.Equal("name", chat.Step);
    }

    [Fact]
    public void Menu_button_starts_its_dialog()
    {
        var chat = new Chat(Catalog);
        chat.Send("halo");

        chat.TapLabel("Survei kepuasan");

        Assert.Equal("score", chat.Step);
        Assert.Equal("Beri nilai layanan kami (1-5).", chat.Last.Text);
    }

    [Fact]
    public void Menu_number_typed_during_a_question_is_an_answer_not_a_menu_choice()
    {
        var chat = new Chat(Catalog);
        chat.Send("/survei");

        chat.Send("1");

        Assert.Equal(DialogValue.FromNumber(1), chat.Active!.Answers["score"]);
        Assert.Equal("survey", chat.Active.DialogId);
    }

    [Fact]
    public void Stale_button_gets_the_moved_on_reply_and_the_current_question()
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta");
        var oldButton = chat.Last.Buttons.Single(b => b.Label == "Kerajinan").Data;
        chat.Send("Makanan");

        var reply = chat.Tap(oldButton);

        Assert.Equal("Tombol ini sudah tidak berlaku. Ini pertanyaan saat ini:\n\nApakah Anda punya NIB?", reply.Text);
        Assert.Equal(["yes", "no"], reply.Buttons.Select(b => Chat.ValueOf(b.Data)));
        Assert.Equal(DialogValue.FromText("food"), chat.Active!.Answers["sector"]);
        Assert.Equal("has_nib", chat.Step);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("|yes")]
    [InlineData("score|5")]
    [InlineData("has_nib")]
    [InlineData("has_nib|yes")]
    [InlineData("AAAAAAAA|yes")]
    public void Unknown_button_data_is_treated_as_stale(string data)
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta", "Makanan");

        var reply = chat.Tap(data);

        Assert.StartsWith("Tombol ini sudah tidak berlaku.", reply.Text);
        Assert.Equal("has_nib", chat.Step);
    }

    [Fact]
    public void Answer_button_after_the_conversation_ended_gets_the_moved_on_reply_and_the_menu()
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta", "Lainnya");
        var yes = chat.Last.Buttons[0].Data;
        chat.Send("tidak");

        var reply = chat.Tap(yes);

        Assert.StartsWith("Tombol ini sudah tidak berlaku.", reply.Text);
        Assert.Equal(["/usaha", "/survei"], reply.Buttons.Select(b => b.Data));
        Assert.Null(chat.Session.Active);
    }

    [Fact]
    public void Starting_another_dialog_pauses_the_current_one()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");
        var business = chat.Active!;

        chat.Send("/survei");

        Assert.Equal(ConversationStatus.Paused, business.Status);
        Assert.Equal("survey", chat.Active!.DialogId);
        Assert.Equal("Beri nilai layanan kami (1-5).", chat.Last.Text);
    }

    [Fact]
    public void Paused_conversation_resumes_where_it_stopped()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");
        chat.Send("/survei");
        chat.Send("5");

        var reply = chat.Send("/usaha");

        Assert.Equal("Melanjutkan \"Data usaha\" dari pertanyaan terakhir. (Ketik /ulang untuk mulai dari awal.)\n\nBerapa omzet per tahun?", reply.Text);
        Assert.Equal("sales", chat.Step);
        Assert.Equal(DialogValue.FromNumber(3), chat.Active!.Answers["workers"]);
        var survey = chat.Session.Conversations.Single(c => c.DialogId == "survey");
        Assert.Equal(ConversationStatus.Paused, survey.Status);
        Assert.Equal("comment", survey.StepId);
    }

    [Fact]
    public void Menu_command_pauses_and_the_menu_number_resumes()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");

        chat.Send("/menu");
        Assert.Null(chat.Session.Active);
        chat.Send("1");

        Assert.Equal("sales", chat.Step);
        Assert.StartsWith("Melanjutkan \"Data usaha\"", chat.Last.Text);
    }

    [Fact]
    public void Command_of_the_running_dialog_repeats_the_current_question()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");

        var reply = chat.Send("/usaha");

        Assert.EndsWith("Berapa omzet per tahun?", reply.Text);
        Assert.Equal("sales", chat.Step);
        Assert.Single(chat.Session.Conversations);
    }

    [Fact]
    public void Resumes_at_the_same_step_after_restart()
    {
        var chat = new Chat(Catalog);
        chat.Send("/usaha");
        chat.Send("Toko Sari");
        chat.Send("3");
        chat.Send("15 juta");

        chat.RestartProcess(TestDialogs.Catalog(TestDialogs.Survey, TestDialogs.Business));
        var reply = chat.Send("Kerajinan");

        Assert.Equal("Apakah Anda punya NIB?", reply.Text);
        Assert.Equal(DialogValue.FromMoney(15_000_000), chat.Active!.Answers["sales"]);
        Assert.Equal(DialogValue.FromText("Toko Sari"), chat.Session.Profile["business_name"]);
        chat.Send("/kembali");
        Assert.Equal("Kembali ke pertanyaan sebelumnya. Jawaban Anda sebelumnya: Kerajinan\n\nApa bidang usaha Anda?", chat.Last.Text);
    }

    [Fact]
    public void Paused_conversation_resumes_after_restart()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");
        chat.Send("/survei");

        chat.RestartProcess(Catalog);
        chat.Send("/usaha");

        Assert.Equal("sales", chat.Step);
        Assert.StartsWith("Melanjutkan", chat.Last.Text);
    }

    [Fact]
    public void Conversation_whose_dialog_was_removed_is_closed_with_an_explanation()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");

        chat.RestartProcess(TestDialogs.Catalog(TestDialogs.Survey));
        var reply = chat.Send("15 juta");

        Assert.StartsWith("Maaf, layanan yang sedang Anda isi tidak tersedia lagi.", reply.Text);
        Assert.Equal(["/survei"], reply.Buttons.Select(b => b.Data));
        Assert.Null(chat.Session.Active);
        Assert.Equal("unavailable", chat.Session.Conversations[0].Outcome);
    }

    [Fact]
    public void Current_question_is_shown_again_with_a_resume_note_when_a_chat_is_reopened()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");
        var engine = new ConversationEngine(Catalog);

        var reply = engine.CurrentQuestion(chat.Session);

        Assert.Equal("Melanjutkan \"Data usaha\" dari pertanyaan terakhir. (Ketik /ulang untuk mulai dari awal.)\n\nBerapa omzet per tahun?", reply?.Text);
        Assert.Equal("sales", chat.Step);
        Assert.Null(engine.CurrentQuestion(new UserSession(Languages.Indonesian)));
    }
}
