using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>
/// <c>parameters:</c> and <c>/command key=value</c>: a broadcast's button presets an answer, and its question
/// is passed over when the dialog reaches it, while back, review edits and resuming keep working.
/// </summary>
public sealed class StartParameterTests
{
    private const string Training = """
        id: training
        version: 1
        languages: [id, en]
        title: { id: Daftar pelatihan, en: Training registration }
        commands: [/pelatihan, /training]
        parameters: [program, people]
        start: intro
        steps:
          intro:
            say: { id: Mari mendaftar pelatihan., en: "Let's register for a training." }
          sector:
            ask: { id: Apa bidang usaha Anda?, en: What is your sector? }
            options:
              - { value: food, id: Makanan, en: Food }
              - { value: craft, id: Kerajinan, en: Craft }
          program:
            ask: { id: Pelatihan mana yang Anda pilih?, en: Which training do you choose? }
            options_from: programs
            next:
              - when: { set: program }
                goto: people
              - goto: none_open
          people:
            ask: { id: Berapa orang yang ikut?, en: How many people will join? }
            input: integer
            min: 1
            max: 5
          check:
            review: { id: "Periksa jawaban Anda:", en: "Check your answers:" }
            keys:
              - { key: sector, label: { id: Bidang, en: Sector } }
              - { key: program, label: { id: Pelatihan, en: Training } }
              - { key: people, label: { id: Peserta, en: People } }
          registered:
            end: { id: "Terdaftar di {program}.", en: "Registered for {program}." }
            outcome: registered
          none_open:
            end: { id: Belum ada pelatihan yang dibuka., en: No training is open. }
            outcome: none_open
        """;

    private const string Unavailable = "pilihan dari tautan yang Anda buka sudah tidak tersedia";

    private static readonly DialogCatalog Catalog = TestDialogs.Catalog(Training, TestDialogs.Survey);

    private static Chat NewChat(Programs? programs = null, string language = Languages.Indonesian) =>
        new(Catalog, language, programs ?? new Programs());

    private static ConversationState TrainingOf(Chat chat) => chat.Session.Conversations.Single(c => c.DialogId == "training");

    [Theory]
    [InlineData("/pelatihan program=p2")]
    [InlineData("/training program=p2")]
    [InlineData("/PELATIHAN   program=p2")]
    [InlineData("/pelatihan@UmkmBot program=p2")]
    [InlineData("/pelatihan program=p2 utm=wa")]
    public void A_start_parameter_answers_its_question_which_is_passed_over(string command)
    {
        var chat = NewChat();
        chat.Send(command);
        Assert.Equal("sector", chat.Step);

        var reply = chat.TapLabel("Makanan");

        Assert.Equal("people", chat.Step);
        Assert.StartsWith("Berapa orang yang ikut?", reply.Text, StringComparison.Ordinal);
        Assert.Equal("p2", chat.Active!.Answers["program"].Text);
        Assert.Equal(["sector", "program"], chat.Active.History);
        Assert.DoesNotContain(chat.Active.Answers.Keys, k => k.StartsWith('@'));
    }

    [Fact]
    public void A_broadcast_button_with_parameters_starts_the_dialog_the_same_way()
    {
        var chat = NewChat();

        chat.Tap("/pelatihan program=p1");
        chat.TapLabel("Makanan");

        Assert.Equal("people", chat.Step);
        Assert.Equal("p1", chat.Active!.Answers["program"].Text);
    }

    [Fact]
    public void Several_parameters_preset_several_questions_other_inputs_read_as_typed()
    {
        var chat = NewChat();
        chat.Send("/pelatihan people=3 program=p1");

        var reply = chat.TapLabel("Kerajinan");

        Assert.Equal("check", chat.Step);
        Assert.Contains("3. Peserta: 3", reply.Text, StringComparison.Ordinal);
        Assert.Equal(3m, chat.Active!.Answers["people"].Number);
    }

    [Fact]
    public void A_start_parameter_waits_across_a_process_restart_until_its_question()
    {
        var chat = NewChat();
        chat.Send("/pelatihan program=p2");

        chat.RestartProcess(Catalog);
        chat.TapLabel("Makanan");

        Assert.Equal("people", chat.Step);
        Assert.Equal("p2", chat.Active!.Answers["program"].Text);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "/pelatihan program=p9", Unavailable)]
    [InlineData(Languages.English, "/training program=p9", "the choice in the link you opened is no longer available")]
    public void A_choice_no_longer_on_offer_is_dropped_and_the_owner_told_once(string language, string command, string notice)
    {
        var chat = NewChat(language: language);
        chat.Send(command);

        var reply = chat.TapValue("food");

        Assert.Equal("program", chat.Step);
        Assert.Contains(notice, reply.Text, StringComparison.Ordinal);
        Assert.Equal(["p1", "p2"], reply.Buttons.Select(b => Chat.ValueOf(b.Data)));
        Assert.False(chat.Active!.Answers.ContainsKey("program"));

        chat.Send("/kembali");
        var again = chat.TapValue("food");
        Assert.DoesNotContain(notice, again.Text, StringComparison.Ordinal);
        Assert.Equal("program", chat.Step);
    }

    [Fact]
    public void A_programme_that_closed_after_the_link_was_sent_is_not_taken()
    {
        var programs = new Programs();
        var chat = NewChat(programs);
        chat.Send("/pelatihan program=p2");

        programs.Open = ["p1"];
        var reply = chat.TapLabel("Makanan");

        Assert.Equal("program", chat.Step);
        Assert.Contains(Unavailable, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_out_of_bounds_is_dropped_and_the_question_asked()
    {
        var chat = NewChat();
        chat.Send("/pelatihan program=p1 people=50");

        var reply = chat.TapLabel("Makanan");

        Assert.Equal("people", chat.Step);
        Assert.Contains("isian dari tautan yang Anda buka tidak bisa dipakai", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/pelatihan sector=food")]
    [InlineData("/pelatihan utm_source=wa")]
    [InlineData("/pelatihan program=")]
    [InlineData("/pelatihan =p2")]
    [InlineData("/pelatihan p2")]
    public void Undeclared_and_malformed_parameters_are_ignored_silently(string command)
    {
        var chat = NewChat();
        var plain = NewChat();

        var reply = chat.Send(command);
        Assert.Equal(plain.Send("/pelatihan").Text, reply.Text);
        var next = chat.TapLabel("Makanan");

        Assert.Equal("program", chat.Step);
        Assert.DoesNotContain(Unavailable, next.Text, StringComparison.Ordinal);
        Assert.Equal(["sector"], chat.Active!.Answers.Keys);
    }

    [Fact]
    public void Back_from_the_next_question_asks_the_preset_question_normally()
    {
        var chat = NewChat();
        chat.Send("/pelatihan program=p2");
        chat.TapLabel("Makanan");

        var back = chat.Send("/kembali");

        Assert.Equal("program", chat.Step);
        Assert.Contains("Kembali ke pertanyaan sebelumnya.", back.Text, StringComparison.Ordinal);
        Assert.Contains("Pelatihan mana yang Anda pilih?", back.Text, StringComparison.Ordinal);
        chat.TapLabel("Program 1");
        Assert.Equal("people", chat.Step);
        Assert.Equal("p1", chat.Active!.Answers["program"].Text);
    }

    [Fact]
    public void Changing_a_preset_answer_from_the_review_asks_it()
    {
        var chat = NewChat();
        chat.Send("/pelatihan program=p2 people=2");
        chat.TapLabel("Makanan");
        Assert.Equal("check", chat.Step);

        var edit = chat.Send("ubah 2");
        Assert.Equal("program", chat.Step);
        Assert.Contains("Pelatihan mana yang Anda pilih?", edit.Text, StringComparison.Ordinal);
        var review = chat.TapLabel("Program 1");

        Assert.Equal("check", chat.Step);
        Assert.Contains("Periksa jawaban Anda:", review.Text, StringComparison.Ordinal);
        Assert.Equal("p1", chat.Active!.Answers["program"].Text);
        chat.Send("benar");
        Assert.Equal("registered", TrainingOf(chat).Outcome);
    }

    [Fact]
    public void The_same_command_without_parameters_resumes_the_open_conversation()
    {
        var chat = NewChat();
        chat.Send("/pelatihan program=p2");
        chat.TapLabel("Makanan");
        chat.Send("/menu");

        var reply = chat.Send("/pelatihan");

        Assert.Contains("Melanjutkan \"Daftar pelatihan\"", reply.Text, StringComparison.Ordinal);
        Assert.Equal("people", chat.Step);
    }

    [Fact]
    public void The_same_parameters_again_resume_the_open_conversation()
    {
        var chat = NewChat();
        chat.Send("/pelatihan program=p2");
        chat.TapLabel("Makanan");

        var whileActive = chat.Send("/pelatihan program=p2");
        Assert.Contains("Melanjutkan", whileActive.Text, StringComparison.Ordinal);
        Assert.Equal("people", chat.Step);

        chat.Send("/survei");
        var whilePaused = chat.Tap("/pelatihan program=p2");
        Assert.Contains("Melanjutkan", whilePaused.Text, StringComparison.Ordinal);
        Assert.Equal("people", chat.Step);
    }

    [Fact]
    public void The_same_parameters_before_their_question_is_reached_resume_too()
    {
        var chat = NewChat();
        chat.Send("/pelatihan program=p2");

        var reply = chat.Send("/pelatihan program=p2");

        Assert.Contains("Melanjutkan", reply.Text, StringComparison.Ordinal);
        chat.TapLabel("Makanan");
        Assert.Equal("people", chat.Step);
    }

    [Fact]
    public void Different_parameters_start_the_open_conversation_over_with_them()
    {
        var chat = NewChat();
        chat.Send("/pelatihan");
        chat.TapLabel("Makanan");
        Assert.Equal("program", chat.Step);
        chat.Send("/survei");

        var reply = chat.Send("/pelatihan program=p1");

        Assert.Contains("Kita mulai lagi \"Daftar pelatihan\" dari awal.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("sector", chat.Step);
        var conversation = TrainingOf(chat);
        Assert.Equal(ConversationStatus.Active, conversation.Status);
        Assert.False(conversation.Answers.ContainsKey("sector"));
        Assert.Empty(conversation.History);
        Assert.Single(chat.Session.Conversations, c => c.DialogId == "training");

        chat.TapLabel("Kerajinan");
        Assert.Equal("people", chat.Step);
        Assert.Equal("p1", chat.Active!.Answers["program"].Text);
    }

    [Fact]
    public void Restarting_drops_the_parameters()
    {
        var chat = NewChat();
        chat.Send("/pelatihan program=p2");

        chat.Send("/ulang");
        chat.TapLabel("Makanan");

        Assert.Equal("program", chat.Step);
    }

    [Fact]
    public void A_dialog_without_parameters_ignores_them()
    {
        var chat = NewChat();

        chat.Send("/survei score=5");

        Assert.Equal("score", chat.Step);
        Assert.Empty(chat.Active!.Answers);
    }

    [Fact]
    public void The_definition_lists_the_parameters_with_their_positions()
    {
        var training = Catalog.Find("training")!.Definition;

        Assert.Equal(["program", "people"], training.Parameters.Select(p => p.Key));
        Assert.Equal(6, training.Parameters[0].Position.Line);
        Assert.Empty(Catalog.Find("survey")!.Definition.Parameters);
    }

    private sealed class Programs : IChoiceSources
    {
        public string[] Open { get; set; } = ["p1", "p2"];

        public IReadOnlySet<string> Names { get; } = new HashSet<string> { "programs" };

        public IReadOnlyList<ChoiceOption> Options(string source, UserSession session) =>
            Open.Select(v => new ChoiceOption(v, LocalizedText.Of($"Program {v[1..]}", $"Programme {v[1..]}"), default)).ToList();
    }
}
