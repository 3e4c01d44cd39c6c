using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>
/// Issue 12 at the engine: every button works by its number and its label at every kind of step, a "still
/// right?" never turns into a new value, implausible answers are said back before they are stored, and a
/// refused answer leaves the owner at the same question.
/// </summary>
public sealed class OwnersWordsTests
{
    private const string Dialog = """
        id: owners
        version: 1
        languages: [id, en]
        title: { id: Data usaha, en: Business data }
        commands: [/usaha]
        start: consent
        steps:
          consent:
            ask: { id: "Saya akan menanyakan data usaha Anda. Data dipakai untuk pengecekan. Boleh kita mulai?", en: "I will ask about your business. The data is used for the check. Shall we start?" }
            input: yesno
          name:
            ask: { id: Siapa nama Anda?, en: What is your name? }
            save: profile.name
          capital:
            ask: { id: "Berapa modal usaha Anda? Contoh: 25 juta.", en: "How much capital does your business have? For example: 25 juta." }
            input: money
            min: 0
            help: { id: "Modal adalah uang, stok dan alat usaha.", en: "Capital is the money, stock and tools of the business." }
          sales:
            ask: { id: Berapa omzet setahun?, en: What are your sales in a year? }
            input: money
            min: 0
            per: year
            confirm_above: 50 miliar
          workers:
            ask: { id: Berapa pekerja selain Anda?, en: How many people work for you besides you? }
            input: integer
            min: 0
            self_counts_as: 0
          sector:
            ask: { id: Apa bidang usaha Anda?, en: What is your sector? }
            save: profile.sector
            options:
              - { value: food, id: Makanan & minuman, en: Food & drink, synonyms: [kuliner, warung] }
              - { value: craft, id: Kerajinan, en: Crafts }
              - { value: trade, id: Perdagangan, en: Trade, synonyms: [dagang, warung] }
            help: { id: Bidang usaha utama Anda., en: Your main line of business. }
          program:
            ask: { id: "Pilih program:", en: "Pick a programme:" }
            options_from: programs
          check:
            review: { id: "Periksa data Anda:", en: "Check your details:" }
            keys:
              - { key: profile.name, label: { id: Nama, en: Name } }
              - { key: capital, label: { id: Modal, en: Capital } }
              - { key: sales, label: { id: Omzet, en: Sales } }
              - { key: workers, label: { id: Pekerja, en: Workers } }
              - { key: profile.sector, label: { id: Bidang usaha, en: Sector } }
          done:
            end: { id: "Selesai, {profile.name}.", en: "Done, {profile.name}." }
            outcome: done
        """;

    private static readonly DialogCatalog Catalog = TestDialogs.Catalog(Dialog);

    private static Chat Started(string language = Languages.Indonesian, int programs = 2, params string[] answers)
    {
        var chat = new Chat(Catalog, language, new Programs(programs));
        chat.Send("/usaha");
        foreach (var answer in answers)
        {
            chat.Send(answer);
        }

        return chat;
    }

    /// <summary>Answers up to the review with button numbers where there are buttons.</summary>
    private static readonly string[] ToReview = ["1", "Sari", "25 juta", "150 juta", "2", "1", "1"];

    [Theory]
    [InlineData(Languages.Indonesian, "1")]
    [InlineData(Languages.Indonesian, "Ya")]
    [InlineData(Languages.Indonesian, "ya.")]
    [InlineData(Languages.English, "1")]
    [InlineData(Languages.English, "Yes")]
    [InlineData(Languages.English, "ya")]
    public void A_yes_no_question_takes_its_buttons_number_or_label(string language, string typed)
    {
        var chat = Started(language);

        chat.Send(typed);

        Assert.Equal("name", chat.Step);
        Assert.Equal(DialogValue.FromBool(true), chat.Active!.Answers["consent"]);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Apa ini?")]
    [InlineData("apa ini")]
    [InlineData("What is this?")]
    public void A_number_at_a_money_question_with_buttons_is_that_button_never_an_amount(string typed)
    {
        var chat = Started(answers: ["1", "Sari"]);

        var reply = chat.Send(typed);

        Assert.StartsWith("Modal adalah uang, stok dan alat usaha.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("capital", chat.Step);
        Assert.False(chat.Active!.Answers.ContainsKey("capital"));
    }

    [Theory]
    [InlineData(Languages.Indonesian, "3", "trade")]
    [InlineData(Languages.Indonesian, "Kerajinan", "craft")]
    [InlineData(Languages.Indonesian, "makanan & MINUMAN", "food")]
    [InlineData(Languages.Indonesian, "kuliner", "food")]
    [InlineData(Languages.Indonesian, "dagang", "trade")]
    [InlineData(Languages.English, "2", "craft")]
    [InlineData(Languages.English, "Food & drink", "food")]
    [InlineData(Languages.English, "Perdagangan", "trade")]
    public void A_choice_takes_its_buttons_number_label_or_synonym(string language, string typed, string value)
    {
        var chat = Started(language, answers: ["1", "Sari", "25 juta", "150 juta", "2"]);

        chat.Send(typed);

        Assert.Equal(DialogValue.FromText(value), chat.Session.Profile["sector"]);
    }

    [Fact]
    public void A_choice_re_prompt_names_the_range_of_the_buttons_shown_help_included()
    {
        var chat = Started(answers: ["1", "Sari", "25 juta", "150 juta", "2"]);

        var reply = chat.Send("9");

        Assert.Equal("Maaf, \"9\" belum bisa saya pahami. Mohon pilih salah satu tombol, atau ketik nomornya (1–4).\n\nApa bidang usaha Anda?", reply.Text);
        Assert.Equal(4, reply.Buttons.Count);
        Assert.Equal("Apa ini?", chat.Send("4").Buttons[^1].Label);
        Assert.Equal("sector", chat.Step);
    }

    [Fact]
    public void A_run_time_list_re_prompt_names_the_range_of_its_options_not_zero()
    {
        var chat = Started(answers: ["1", "Sari", "25 juta", "150 juta", "2", "1"]);

        var reply = chat.Send("7");

        Assert.Contains("(1–2)", reply.Text, StringComparison.Ordinal);
        Assert.Equal(["Program 1", "Program 2"], reply.Buttons.Select(b => b.Label));
        chat.Send("program 2");
        Assert.Equal(DialogValue.FromText("p2"), chat.Active!.Answers["program"]);
    }

    [Fact]
    public void A_paged_list_takes_more_by_its_number_or_label_and_counts_numbers_on_the_page_shown()
    {
        var chat = Started(programs: 12, answers: ["1", "Sari", "25 juta", "150 juta", "2", "1"]);
        Assert.Equal("Lainnya ›", chat.Last.Buttons[8].Label);

        var second = chat.Send("9");
        Assert.Equal(["Program 9", "Program 10", "Program 11", "Program 12", "Lainnya ›"], second.Buttons.Select(b => b.Label));
        chat.Send("lainnya");
        chat.Send("lainnya");
        Assert.Equal("Program 9", chat.Last.Buttons[0].Label);

        chat.Send("2");
        Assert.Equal(DialogValue.FromText("p10"), chat.Active!.Answers["program"]);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "1")]
    [InlineData(Languages.Indonesian, "Benar, lanjutkan")]
    [InlineData(Languages.Indonesian, "benar")]
    [InlineData(Languages.English, "1")]
    [InlineData(Languages.English, "Correct, continue")]
    [InlineData(Languages.English, "yes")]
    public void The_review_is_confirmed_by_its_buttons_number_or_label(string language, string typed)
    {
        var chat = Started(language, answers: ToReview);
        Assert.Equal("check", chat.Step);

        chat.Send(typed);

        Assert.Equal("done", chat.Session.Conversations.Single().Outcome);
    }

    [Fact]
    public void A_review_button_number_changes_the_line_it_names_and_a_re_prompt_there_is_one_line()
    {
        var chat = Started(answers: ToReview);

        var unclear = chat.Send("hmm");
        Assert.DoesNotContain("Periksa data Anda", unclear.Text, StringComparison.Ordinal);
        Assert.Single(unclear.Text.Split('\n'));
        Assert.Equal(6, unclear.Buttons.Count);

        var editing = chat.Send("3");
        Assert.Contains("Mengubah \"Modal\"", editing.Text, StringComparison.Ordinal);
        Assert.Equal("capital", chat.Step);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Ya, masih benar")]
    [InlineData("ya")]
    [InlineData("benar")]
    public void A_saved_value_is_kept_by_a_yes_or_the_first_button(string typed)
    {
        var chat = new Chat(Catalog, choices: new Programs(2));
        chat.Session.Profile["name"] = DialogValue.FromText("Rina Marlina");
        chat.Send("/usaha");
        chat.Send("1");

        chat.Send(typed);

        Assert.Equal("capital", chat.Step);
        Assert.Equal(DialogValue.FromText("Rina Marlina"), chat.Session.Profile["name"]);
    }

    [Theory]
    [InlineData("Rina Marlina")]
    [InlineData("rina marlina")]
    public void Typing_the_saved_value_again_at_still_right_keeps_it(string typed)
    {
        var chat = new Chat(Catalog, choices: new Programs(2));
        chat.Session.Profile["name"] = DialogValue.FromText("Rina Marlina");
        chat.Send("/usaha");
        chat.Send("1");

        chat.Send(typed);

        Assert.Equal("capital", chat.Step);
        Assert.Equal(DialogValue.FromText("Rina Marlina"), chat.Session.Profile["name"]);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("Ubah")]
    [InlineData("tidak")]
    [InlineData("Change")]
    public void A_saved_value_is_asked_anew_after_a_no_or_the_second_button(string typed)
    {
        var chat = new Chat(Catalog, choices: new Programs(2));
        chat.Session.Profile["name"] = DialogValue.FromText("Rina Marlina");
        chat.Send("/usaha");
        chat.Send("1");

        var reply = chat.Send(typed);

        Assert.Equal("Siapa nama Anda?", reply.Text);
        Assert.Equal(DialogValue.FromText("Rina Marlina"), chat.Session.Profile["name"]);
    }

    [Fact]
    public void Anything_else_at_still_right_is_asked_about_and_never_stored_on_its_own()
    {
        var chat = new Chat(Catalog, choices: new Programs(2));
        chat.Session.Profile["name"] = DialogValue.FromText("Rina Marlina");
        chat.Send("/usaha");
        chat.Send("1");

        var asked = chat.Send("Rina M.");
        Assert.Equal("Maksud Anda nama baru \"Rina M.\"?", asked.Text);
        Assert.Equal(["Ya", "Tidak"], asked.Buttons.Select(b => b.Label));
        Assert.Equal(DialogValue.FromText("Rina Marlina"), chat.Session.Profile["name"]);

        // No: back to the saved value, still not stored; then yes keeps it.
        var back = chat.Send("2");
        Assert.Contains("Data yang tersimpan: Rina Marlina. Apakah masih benar?", back.Text, StringComparison.Ordinal);
        chat.Send("ya");
        Assert.Equal(DialogValue.FromText("Rina Marlina"), chat.Session.Profile["name"]);
        Assert.Equal("capital", chat.Step);
    }

    [Fact]
    public void A_new_value_asked_about_survives_a_restart_and_is_stored_on_yes()
    {
        var chat = new Chat(Catalog, Languages.English, new Programs(2));
        chat.Session.Profile["name"] = DialogValue.FromText("Rina Marlina");
        chat.Send("/usaha");
        chat.Send("1");
        Assert.Equal("Do you mean a new name: \"Rina Dewi\"?", chat.Send("Rina Dewi").Text);

        chat.RestartProcess(Catalog);
        chat.Send("Yes");

        Assert.Equal(DialogValue.FromText("Rina Dewi"), chat.Session.Profile["name"]);
        Assert.False(chat.Active!.Answers.ContainsKey(ConversationState.PendingKey));
        Assert.Equal("capital", chat.Step);
    }

    [Fact]
    public void Sales_far_above_the_questions_bound_are_said_back_with_their_reading_before_storing()
    {
        var chat = Started(answers: ["1", "Sari", "25 juta"]);

        var asked = chat.Send("480.000.000.000");

        Assert.Equal("Rp480.000.000.000 (480 miliar) — benar?", asked.Text);
        Assert.Equal(["Ya", "Tidak"], asked.Buttons.Select(b => b.Label));
        Assert.False(chat.Active!.Answers.ContainsKey("sales"));
        Assert.Equal("sales", chat.Step);

        var again = chat.Send("tidak");
        Assert.Equal("Baik, silakan ketik lagi jawabannya.\n\nBerapa omzet setahun?", again.Text);
        chat.Send("480 juta");
        Assert.Equal(DialogValue.FromMoney(480_000_000), chat.Active.Answers["sales"]);
        Assert.Equal("workers", chat.Step);
    }

    [Fact]
    public void An_implausible_amount_confirmed_with_yes_is_stored()
    {
        var chat = Started(Languages.English, answers: ["1", "Sari", "25 juta"]);

        Assert.Equal("Rp480,000,000,000 (480 billion) — is that right?", chat.Send("480.000.000.000").Text);
        chat.Send("1");

        Assert.Equal(DialogValue.FromMoney(480_000_000_000), chat.Active!.Answers["sales"]);
        Assert.Equal("workers", chat.Step);
    }

    [Fact]
    public void A_tiny_amount_is_said_back_by_default_and_zero_is_not()
    {
        var chat = Started(answers: ["1", "Sari"]);

        Assert.Equal("Rp15 — benar?", chat.Send("15").Text);
        chat.Send("15 juta");
        Assert.Equal(DialogValue.FromMoney(15_000_000), chat.Active!.Answers["capital"]);

        chat.Send("0");
        Assert.Equal(DialogValue.FromMoney(0), chat.Active.Answers["sales"]);
    }

    [Fact]
    public void Five_thousand_workers_are_said_back_and_a_refusal_there_keeps_the_question()
    {
        var chat = Started(answers: ["1", "Sari", "25 juta", "150 juta"]);

        Assert.Equal("5.000 — benar?", chat.Send("5000").Text);
        var unclear = chat.Send("hmm");
        Assert.Equal("Maaf, \"hmm\" belum bisa saya pahami. Mohon jawab Ya (1) atau Tidak (2).\n\n5.000 — benar?", unclear.Text);
        Assert.Equal("workers", chat.Step);

        chat.Send("/kembali");
        Assert.Equal(ConversationMode.Normal, chat.Active!.Mode);
        Assert.False(chat.Active.Answers.ContainsKey(ConversationState.PendingKey));
    }

    [Fact]
    public void A_refused_answer_leaves_the_owner_at_the_same_question_and_names_it()
    {
        var chat = Started(answers: ["1", "Sari", "25 juta", "150 juta", "3"]);
        Assert.Equal("sector", chat.Step);

        var refused = chat.Send("kayaknya sih");
        Assert.Contains("Apa bidang usaha Anda?", refused.Text, StringComparison.Ordinal);
        Assert.Equal("sector", chat.Step);

        chat.Send("2");
        Assert.Equal(DialogValue.FromText("craft"), chat.Session.Profile["sector"]);
        Assert.Equal(DialogValue.FromNumber(3), chat.Active!.Answers["workers"]);
    }

    [Fact]
    public void A_long_preamble_is_not_repeated_by_a_re_prompt_only_its_question()
    {
        var chat = Started();

        var reply = chat.Send("hmm");

        Assert.Equal("Maaf, \"hmm\" belum bisa saya pahami. Mohon jawab Ya atau Tidak.\n\nBoleh kita mulai?", reply.Text);
        Assert.Equal(["Ya", "Tidak"], reply.Buttons.Select(b => b.Label));
    }

    [Fact]
    public void A_menu_takes_its_number_or_either_languages_title()
    {
        var chat = new Chat(Catalog, choices: new Programs(2));
        chat.Send("halo");

        chat.Send("business data");

        Assert.Equal("consent", chat.Step);
    }

    [Fact]
    public void A_monthly_amount_at_a_yearly_question_is_multiplied_by_12_and_said_back()
    {
        var chat = Started(answers: ["1", "Sari", "25 juta"]);

        var asked = chat.Send("15jt sebulan");

        Assert.Equal("Jadi setahun Rp180.000.000 (180 juta), ya?", asked.Text);
        Assert.False(chat.Active!.Answers.ContainsKey("sales"));
        chat.Send("iya");
        Assert.Equal(DialogValue.FromMoney(180_000_000), chat.Active.Answers["sales"]);
    }

    [Fact]
    public void Another_amount_typed_at_the_said_back_one_replaces_it()
    {
        var chat = Started(Languages.English, answers: ["1", "Sari", "25 juta"]);
        Assert.Equal("So Rp180,000,000 (180 million) a year, right?", chat.Send("15 million a month").Text);

        chat.Send("200 million");

        Assert.Equal(DialogValue.FromMoney(200_000_000), chat.Active!.Answers["sales"]);
        Assert.Equal("workers", chat.Step);
    }

    [Theory]
    [InlineData("sekitar 200jt")]
    [InlineData("200 jutaan")]
    [InlineData("kurang lebih 200 juta")]
    public void An_approximate_amount_is_stored_and_said_back(string typed)
    {
        var chat = Started(answers: ["1", "Sari"]);

        var reply = chat.Send(typed);

        Assert.StartsWith("Baik, saya catat kira-kira Rp200.000.000 (200 juta).", reply.Text, StringComparison.Ordinal);
        Assert.Equal(DialogValue.FromMoney(200_000_000), chat.Active!.Answers["capital"]);
    }

    [Theory]
    [InlineData("sendiri", 0)]
    [InlineData("cuma saya", 0)]
    [InlineData("2 orang", 2)]
    [InlineData("dua", 2)]
    [InlineData("gak ada", 0)]
    public void A_count_reads_people_and_sendiri_as_what_the_question_says_it_counts(string typed, int workers)
    {
        var chat = Started(answers: ["1", "Sari", "25 juta", "150 juta"]);

        chat.Send(typed);

        Assert.Equal(DialogValue.FromNumber(workers), chat.Active!.Answers["workers"]);
    }

    [Fact]
    public void A_word_two_options_share_asks_which_and_the_number_then_picks()
    {
        var chat = Started(answers: ["1", "Sari", "25 juta", "150 juta", "2"]);

        var asked = chat.Send("warung");

        Assert.Equal("\"warung\" cocok dengan beberapa pilihan: (1) Makanan & minuman, (3) Perdagangan. Yang mana? Ketik nomornya atau ketuk tombolnya.", asked.Text);
        Assert.Equal(4, asked.Buttons.Count);
        chat.Send("3");
        Assert.Equal(DialogValue.FromText("trade"), chat.Session.Profile["sector"]);
    }

    [Theory]
    [InlineData("iya bener")]
    [InlineData("sip")]
    [InlineData("👍")]
    [InlineData("iyaa kak")]
    public void Informal_yes_at_still_right_keeps_the_saved_value(string typed)
    {
        var chat = new Chat(Catalog, choices: new Programs(2));
        chat.Session.Profile["name"] = DialogValue.FromText("rina marlina");
        chat.Send("/usaha");
        chat.Send("1");

        chat.Send(typed);

        Assert.Equal(DialogValue.FromText("rina marlina"), chat.Session.Profile["name"]);
        Assert.Equal("capital", chat.Step);
    }

    [Theory]
    [InlineData("name", "confirm_above: 5")]
    [InlineData("name", "per: year")]
    [InlineData("capital", "per: week")]
    [InlineData("capital", "self_counts_as: 0")]
    [InlineData("workers", "self_counts_as: none")]
    [InlineData("workers", "confirm_above: 10\n    confirm_below: 20")]
    public void The_loader_refuses_understanding_keys_that_do_not_fit_their_question(string step, string key)
    {
        var yaml = Dialog.Replace($"  {step}:\n", $"  {step}:\n    {key}\n", StringComparison.Ordinal);

        var loaded = DialogLoader.Load([new DialogSource("owners.yaml", yaml)]);

        Assert.True(loaded.HasErrors);
    }

    [Fact]
    public void The_loader_reads_synonyms_and_bounds_into_the_definition()
    {
        var steps = Catalog.Find("owners")!.Definition.Steps.OfType<AskStep>().ToDictionary(s => s.Id);

        Assert.Equal(["kuliner", "warung"], steps["sector"].Input.Options[0].Synonyms);
        Assert.Equal(50_000_000_000m, steps["sales"].Input.ConfirmAbove);
        Assert.Equal(AmountPeriod.Year, steps["sales"].Input.Per);
        Assert.Equal(0, steps["workers"].Input.SelfCountsAs);
    }

    private sealed class Programs(int count) : IChoiceSources
    {
        public IReadOnlySet<string> Names { get; } = new HashSet<string> { "programs" };

        public IReadOnlyList<ChoiceOption> Options(string source, UserSession session) =>
            Enumerable.Range(1, count).Select(i => new ChoiceOption($"p{i}", LocalizedText.Of($"Program {i}", $"Programme {i}"), default)).ToList();
    }
}
