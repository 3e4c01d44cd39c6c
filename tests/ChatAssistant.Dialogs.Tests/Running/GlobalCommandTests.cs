using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

public class GlobalCommandTests
{
    [Fact]
    public void Back_shows_the_previous_question_with_the_old_answer()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");

        var reply = chat.Send("/kembali");

        Assert.Equal("Kembali ke pertanyaan sebelumnya. Jawaban Anda sebelumnya: 3\n\nBerapa jumlah pekerja Anda?", reply.Text);
        Assert.Equal("workers", chat.Step);
    }

    [Fact]
    public void Back_in_English_shows_a_choice_answer_by_its_label()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Business), Languages.English);
        foreach (var answer in new[] { "/usaha", "Sari Snacks", "3", "15 juta", "Food" })
        {
            chat.Send(answer);
        }

        var reply = chat.Send("/back");

        Assert.Equal("Back to the previous question. Your previous answer: Food\n\nWhat is your sector?", reply.Text);
        Assert.Equal(["Food", "Craft", "Other"], reply.Buttons.Select(b => b.Label));
    }

    [Fact]
    public void Back_follows_the_path_taken_through_a_branch()
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta", "Makanan", "ya");
        Assert.Equal("halal", chat.Step);

        chat.Send("/kembali");
        Assert.Equal("has_nib", chat.Step);
        chat.Send("/kembali");

        Assert.Equal("sector", chat.Step);
        Assert.Contains("Jawaban Anda sebelumnya: Makanan", chat.Last.Text);
    }

    [Fact]
    public void New_answer_after_back_replaces_the_old_one_and_goes_on()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");
        chat.Send("/back");

        chat.Send("7");

        Assert.Equal(DialogValue.FromNumber(7), chat.Active!.Answers["workers"]);
        Assert.Equal("sales", chat.Step);
        Assert.Equal(["name", "workers"], chat.Active.History);
    }

    [Fact]
    public void Back_at_the_first_question_says_so_and_stays()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Business));
        chat.Send("/usaha");

        var reply = chat.Send("/kembali");

        Assert.Equal("Ini sudah pertanyaan pertama.\n\nApa nama usaha Anda?", reply.Text);
        Assert.Equal("name", chat.Step);
    }

    [Theory]
    [InlineData("/batal")]
    [InlineData("/cancel")]
    [InlineData("/BATAL")]
    public void Cancel_stops_the_conversation_and_offers_the_menu(string command)
    {
        var chat = StepKindTests.Started("Toko Sari");

        var reply = chat.Send(command);

        Assert.Equal("Baik, \"Data usaha\" dibatalkan. Ketik /menu jika ingin memulai layanan lain.", reply.Text);
        Assert.Equal(["/usaha", "/survei"], reply.Buttons.Select(b => b.Data));
        Assert.Null(chat.Session.Active);
        Assert.Equal(ConversationStatus.Cancelled, chat.Session.Conversations[0].Status);
    }

    [Fact]
    public void Cancel_with_nothing_running_says_so_and_shows_the_menu()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Business));

        var reply = chat.Send("/batal");

        Assert.StartsWith("Tidak ada percakapan yang sedang berjalan.", reply.Text);
        Assert.Equal(["/usaha"], reply.Buttons.Select(b => b.Data));
    }

    [Fact]
    public void Dialog_started_after_a_cancel_begins_afresh()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");
        chat.Send("/batal");

        chat.Send("/usaha");

        Assert.Equal("name", chat.Step);
        Assert.Empty(chat.Active!.Answers);
    }

    [Theory]
    [InlineData("/ulang")]
    [InlineData("/restart")]
    public void Restart_clears_the_answers_and_asks_from_the_start(string command)
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta");

        var reply = chat.Send(command);

        // The business name lives in the profile, which a restart keeps: it is offered, not asked again.
        Assert.Equal("Kita mulai lagi \"Data usaha\" dari awal.\n\nSelamat datang di pendataan usaha.\n\nApa nama usaha Anda?\n\nData yang tersimpan: Toko Sari. Apakah masih benar?", reply.Text);
        Assert.Equal("name", chat.Step);
        Assert.Empty(chat.Active!.Answers);
        Assert.Empty(chat.Active.History);
        Assert.True(chat.Active.AnswersCleared);
    }

    [Fact]
    public void Restart_keeps_the_profile_shared_with_other_dialogs()
    {
        var chat = StepKindTests.Started("Toko Sari", "3");

        chat.Send("/ulang");

        Assert.Equal(DialogValue.FromText("Toko Sari"), chat.Session.Profile["business_name"]);
    }

    [Fact]
    public void Language_command_without_a_language_switches_and_asks_again_in_the_new_one()
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta");

        var reply = chat.Send("/bahasa");

        Assert.Equal(Languages.English, chat.Session.Language);
        Assert.True(chat.Session.LanguageChanged);
        Assert.Equal("Language changed to English. (Ketik /bahasa untuk Bahasa Indonesia.)\n\nWhat is your sector?", reply.Text);
        Assert.Equal(["Food", "Craft", "Other"], reply.Buttons.Select(b => b.Label));
        Assert.Equal("sector", chat.Step);
    }

    [Theory]
    [InlineData("/language en", Languages.English)]
    [InlineData("/language EN", Languages.English)]
    [InlineData("/bahasa inggris", Languages.English)]
    [InlineData("/bahasa id", Languages.Indonesian)]
    [InlineData("/language indonesia", Languages.Indonesian)]
    public void Language_command_with_a_language_picks_it(string command, string expected)
    {
        var chat = StepKindTests.Started("Toko Sari");

        chat.Send(command);

        Assert.Equal(expected, chat.Session.Language);
        Assert.Equal(expected == Languages.English ? "How many workers do you have?" : "Berapa jumlah pekerja Anda?", chat.Last.Text.Split("\n\n")[^1]);
    }

    [Fact]
    public void Answers_keep_their_meaning_across_a_language_switch()
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta", "Makanan");
        chat.Send("/language en");

        chat.Send("yes");

        Assert.Equal("halal", chat.Step);
        Assert.Equal("Are your products halal certified?", chat.Last.Text);
    }

    [Theory]
    [InlineData("/bantuan")]
    [InlineData("/help")]
    public void Help_lists_the_commands_and_repeats_the_question(string command)
    {
        var chat = StepKindTests.Started("Toko Sari");

        var reply = chat.Send(command);

        Assert.StartsWith("Perintah yang bisa Anda pakai kapan saja:", reply.Text);
        foreach (var listed in new[] { "/menu", "/kembali", "/ulang", "/batal", "/bahasa", "/bantuan" })
        {
            Assert.Contains(listed, reply.Text);
        }

        Assert.EndsWith("Berapa jumlah pekerja Anda?", reply.Text);
        Assert.Equal("workers", chat.Step);
    }

    [Fact]
    public void Help_with_nothing_running_ends_with_the_menu()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Business), Languages.English);

        var reply = chat.Send("/help");

        Assert.StartsWith("Commands you can use at any time:", reply.Text);
        Assert.EndsWith("Available services (type a number or tap a button):", reply.Text);
        Assert.Equal(["Business data"], reply.Buttons.Select(b => b.Label));
    }

    [Theory]
    [InlineData("/foo", "/foo")]
    [InlineData("/stimulus now", "/stimulus")]
    public void Unknown_command_is_named_and_the_question_repeated(string typed, string named)
    {
        var chat = StepKindTests.Started("Toko Sari");

        var reply = chat.Send(typed);

        Assert.Equal($"Maaf, perintah {named} tidak dikenal. Ketik /bantuan untuk melihat perintah yang tersedia.\n\nBerapa jumlah pekerja Anda?", reply.Text);
        Assert.Equal("workers", chat.Step);
        Assert.False(chat.Active!.Answers.ContainsKey("workers"));
    }

    [Fact]
    public void Very_long_unknown_command_is_shortened_in_the_reply()
    {
        var chat = StepKindTests.Started("Toko Sari");

        var reply = chat.Send("/" + new string('x', 200));

        Assert.Contains("/" + new string('x', 39) + "…", reply.Text);
        Assert.DoesNotContain(new string('x', 41), reply.Text);
    }

    [Fact]
    public void Command_addressed_to_the_bot_by_name_works()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Business));

        chat.Send("/usaha@UmkmAssistantBot");

        Assert.Equal("name", chat.Step);
    }

    [Fact]
    public void An_unknown_language_is_refused_plainly_and_nothing_changes()
    {
        var chat = StepKindTests.Started("Toko Sari");

        var reply = chat.Send("/bahasa jawa");

        Assert.StartsWith("Maaf, bahasa \"jawa\" belum tersedia.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(Languages.Indonesian, chat.Session.Language);
        Assert.False(chat.Session.LanguageChanged);
    }
}
