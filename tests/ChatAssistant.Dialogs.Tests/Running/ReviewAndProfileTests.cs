using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>The review step with "ubah N", known profile values offered for confirmation, and run-time choice lists.</summary>
public sealed class ReviewAndProfileTests
{
    private const string Registration = """
        id: reg
        version: 1
        languages: [id, en]
        title: {id: Daftar, en: Register}
        commands: [/daftar]
        start: name
        steps:
          name:
            ask: {id: "Nama Anda?", en: "Your name?"}
            save: profile.name
          has_shop:
            ask: {id: "Punya toko fisik?", en: "Physical shop?"}
            input: yesno
            next:
              - when: {eq: [has_shop, true]}
                goto: shop_city
              - goto: workers
          shop_city:
            ask: {id: "Kota toko?", en: "Shop city?"}
          workers:
            ask: {id: "Jumlah pekerja?", en: "Workers?"}
            input: integer
          program:
            ask: {id: "Pilih program:", en: "Choose a programme:"}
            options_from: programs
            next:
              - when: {set: program}
                goto: check
              - goto: none_open
          check:
            review: {id: "Periksa data Anda:", en: "Check your details:"}
            keys:
              - {key: profile.name, label: {id: Nama, en: Name}}
              - {key: has_shop, label: {id: Toko fisik, en: Physical shop}}
              - {key: shop_city, label: {id: Kota toko, en: Shop city}}
              - {key: workers, label: {id: Pekerja, en: Workers}}
          done:
            end: {id: "Terdaftar: {profile.name}, {workers} pekerja.", en: "Registered: {profile.name}, {workers} workers."}
            outcome: registered
          none_open:
            end: {id: "Belum ada program yang buka.", en: "No programme is open yet."}
            outcome: none_open
        """;

    private static DialogCatalog Catalog(IReadOnlySet<string>? sources = null)
    {
        var loaded = DialogLoader.Load([new DialogSource("reg.yaml", Registration)], sources);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Catalog;
    }

    private static Chat StartedChat(Programs programs)
    {
        var chat = new Chat(Catalog(), choices: programs);
        chat.Send("/daftar");
        return chat;
    }

    [Fact]
    public void Editing_an_answer_from_the_review_keeps_later_answers_that_still_apply()
    {
        var chat = StartedChat(new Programs("bimtek"));
        chat.Send("Sari");
        chat.Send("tidak");
        chat.Send("4");
        var review = chat.Send("1");
        Assert.Contains("1. Nama: Sari", review.Text, StringComparison.Ordinal);
        Assert.Contains("4. Pekerja: 4", review.Text, StringComparison.Ordinal);

        var editing = chat.Send("ubah 4");
        Assert.Contains("Jawaban sekarang: 4", editing.Text, StringComparison.Ordinal);
        var back = chat.Send("6");

        // Workers changed; nothing else was asked again: straight back to the review.
        Assert.Equal("check", chat.Step);
        Assert.Contains("4. Pekerja: 6", back.Text, StringComparison.Ordinal);
        Assert.Contains("1. Nama: Sari", back.Text, StringComparison.Ordinal);
        Assert.Equal(DialogValue.FromText("bimtek"), chat.Active!.Answers["program"]);

        var end = chat.Send("benar");
        Assert.Contains("Terdaftar: Sari, 6 pekerja.", end.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_an_answer_asks_only_what_the_change_makes_newly_needed_and_drops_what_no_longer_applies()
    {
        var chat = StartedChat(new Programs("bimtek"));
        chat.Send("Sari");
        chat.Send("ya");
        chat.Send("Padang");
        chat.Send("4");
        chat.Send("1");

        // No shop any more: the shop city no longer applies and is dropped, nothing else is asked.
        chat.TapLabel("Ubah 2: Toko fisik");
        var review = chat.Send("tidak");
        Assert.Equal("check", chat.Step);
        Assert.False(chat.Active!.Answers.ContainsKey("shop_city"));
        Assert.Contains("shop_city", chat.Active.RemovedAnswers);
        Assert.Contains("3. Kota toko: (belum dijawab)", review.Text, StringComparison.Ordinal);

        // A shop again: now its city is newly needed and is the only thing asked before the review.
        chat.Send("ubah 2");
        var asked = chat.Send("ya");
        Assert.Contains("Kota toko?", asked.Text, StringComparison.Ordinal);
        var again = chat.Send("Bukittinggi");
        Assert.Equal("check", chat.Step);
        Assert.Contains("3. Kota toko: Bukittinggi", again.Text, StringComparison.Ordinal);
        Assert.Contains("4. Pekerja: 4", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_review_explains_itself_on_anything_else_and_refuses_a_line_that_does_not_exist()
    {
        var chat = StartedChat(new Programs("bimtek"));
        chat.Send("Sari");
        chat.Send("tidak");
        chat.Send("4");
        chat.Send("1");

        var unclear = chat.Send("hmm");
        Assert.Equal("Maaf, \"hmm\" belum bisa saya pahami. Ketik 1 atau \"benar\" untuk lanjut, atau \"ubah 2\" untuk mengubah baris 2 ringkasan.", unclear.Text);
        Assert.Equal("Benar, lanjutkan", unclear.Buttons[0].Label);
        Assert.Contains("Pilih nomor 1 sampai 4", chat.Send("ubah 9").Text, StringComparison.Ordinal);
        Assert.Equal("check", chat.Step);
    }

    [Fact]
    public void A_known_profile_value_is_offered_for_confirmation_instead_of_asked_again()
    {
        var chat = new Chat(Catalog(), choices: new Programs("bimtek"));
        chat.Session.Profile["name"] = DialogValue.FromText("Sari");

        var offered = chat.Send("/daftar");
        Assert.Contains("Data yang tersimpan: Sari. Apakah masih benar?", offered.Text, StringComparison.Ordinal);
        Assert.Equal(["Ya, masih benar", "Ubah"], offered.Buttons.Select(b => b.Label));

        var next = chat.TapLabel("Ya, masih benar");
        Assert.Contains("Punya toko fisik?", next.Text, StringComparison.Ordinal);
        Assert.Equal(DialogValue.FromText("Sari"), chat.Session.Profile["name"]);
    }

    [Fact]
    public void A_known_profile_value_can_be_changed_by_tapping_change_or_by_typing_the_new_value_and_saying_yes()
    {
        var byButton = new Chat(Catalog(), choices: new Programs("bimtek"));
        byButton.Session.Profile["name"] = DialogValue.FromText("Sari");
        byButton.Send("/daftar");
        Assert.Equal("Nama Anda?", byButton.TapLabel("Ubah").Text);
        byButton.Send("Sari Dewi");
        Assert.Equal(DialogValue.FromText("Sari Dewi"), byButton.Session.Profile["name"]);

        var byTyping = new Chat(Catalog(), choices: new Programs("bimtek"));
        byTyping.Session.Profile["name"] = DialogValue.FromText("Sari");
        byTyping.Send("/daftar");
        var asked = byTyping.Send("Ani");
        Assert.Equal("Maksud Anda nama baru \"Ani\"?", asked.Text);
        Assert.Equal(DialogValue.FromText("Sari"), byTyping.Session.Profile["name"]);
        var next = byTyping.Send("ya");
        Assert.Contains("Punya toko fisik?", next.Text, StringComparison.Ordinal);
        Assert.Equal(DialogValue.FromText("Ani"), byTyping.Session.Profile["name"]);
    }

    [Fact]
    public void A_run_time_list_shows_its_options_as_buttons_and_accepts_number_label_or_tap()
    {
        var chat = StartedChat(new Programs("bimtek", "ekspor"));
        chat.Send("Sari");
        chat.Send("tidak");
        var question = chat.Send("4");

        Assert.Equal(["Program bimtek", "Program ekspor"], question.Buttons.Select(b => b.Label));
        chat.Send("2");
        Assert.Equal(DialogValue.FromText("ekspor"), chat.Active!.Answers["program"]);
    }

    [Fact]
    public void An_empty_run_time_list_is_passed_over_and_the_dialog_decides_what_follows()
    {
        var chat = StartedChat(new Programs());
        chat.Send("Sari");
        chat.Send("tidak");

        var end = chat.Send("4");

        Assert.Contains("Belum ada program yang buka.", end.Text, StringComparison.Ordinal);
        Assert.Equal("none_open", chat.Session.Conversations.Single().Outcome);
    }

    [Fact]
    public void The_loader_refuses_an_unknown_run_time_list()
    {
        var loaded = DialogLoader.Load([new DialogSource("reg.yaml", Registration)], new HashSet<string> { "training_programs" });

        var error = Assert.Single(loaded.Diagnostics, d => d.Code == DiagnosticCodes.UnknownSource);
        Assert.StartsWith("reg.yaml:25:19: error unknown-source: no run-time list is called 'programs'", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A run-time list the way the host provides one: options from memory, per owner.</summary>
    private sealed class Programs(params string[] ids) : IChoiceSources
    {
        public IReadOnlySet<string> Names { get; } = new HashSet<string> { "programs" };

        public IReadOnlyList<ChoiceOption> Options(string source, UserSession session) =>
            ids.Select(id => new ChoiceOption(id, LocalizedText.Of($"Program {id}", $"Programme {id}"), default)).ToList();
    }
}
