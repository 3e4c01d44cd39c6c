using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Testing;

namespace ChatAssistant.Dialogs.Tests.Testing;

/// <summary>The runner on a small dialog: what passes, and how each kind of failure reads to a maintainer.</summary>
public sealed class ConversationTestRunnerTests
{
    private const string Shop = """
        id: shop
        version: 1
        languages: [id, en]
        title: { id: Toko, en: Shop }
        commands: [/toko]
        start: consent
        steps:
          consent:
            ask: { id: "Boleh mulai?", en: "May we start?" }
            input: yesno
            next:
              - when: { eq: [consent, no] }
                goto: refused
              - goto: phone
          phone:
            ask: { id: "Nomor HP Anda?", en: "Your phone number?" }
            input: phone
            save: profile.phone
          sector:
            ask: { id: "Bidang usaha?", en: "Sector?" }
            input: choice
            options:
              - { value: food, id: Makanan, en: Food }
              - { value: craft, id: Kerajinan, en: Craft }
          sales:
            ask: { id: "Omzet setahun?", en: "Annual sales?" }
            input: money
          summary:
            say: { id: "Omzet Anda {sales}.", en: "Your sales are {sales}." }
          done:
            end: { id: "Selesai.\nTerima kasih.", en: "Done.\nThank you." }
            outcome: recorded
          refused:
            end: { id: Baik., en: All right. }
            outcome: refused
        """;

    // Line 1 is 'dialog: shop'; the first case starts at line 3 and its turns at line 6.
    private const string Recorded = """
        dialog: shop
        cases:
          - name: records the sales
            language: id
            turns:
              - send: /toko
                reply: Boleh mulai?
                buttons: [Ya, Tidak]
              - tap: Ya
              - send: 0812-3456-7890
              - tap: Makanan
              - send: 15 juta
                reply: Omzet Anda Rp15.000.000. Selesai. Terima kasih.
            outcome: recorded
            status: completed
            answers: { consent: yes, sector: food, sales: 15 juta, profile.phone: "+6281234567890" }
        """;

    private static readonly DialogCatalog Catalog = Load(Shop);

    private static DialogCatalog Load(string dialog)
    {
        var loaded = DialogLoader.Load([new DialogSource("shop.yaml", dialog)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Catalog;
    }

    private static ConversationTestFile Read(string yaml)
    {
        var read = ConversationTestReader.Read(new DialogSource("tests/shop.yaml", yaml));
        Assert.Empty(read.Diagnostics.Select(d => d.ToString()));
        return read.File!;
    }

    private static ConversationTestResult RunOnly(string yaml, DialogCatalog? catalog = null) =>
        Assert.Single(ConversationTestRunner.Run(catalog ?? Catalog, Read(yaml)));

    /// <summary>The passing file with one line (1-based) replaced, so that each test shows only what it breaks.</summary>
    private static string Edit(int line, string replacement)
    {
        var lines = Recorded.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public void A_case_whose_expectations_all_hold_passes_with_one_line_naming_its_file_line_and_language()
    {
        var result = RunOnly(Recorded);

        Assert.True(result.Passed, result.Report());
        Assert.Equal("PASS tests/shop.yaml:3 records the sales [id]", result.Report());
        Assert.Equal("recorded", result.Outcome);
    }

    [Fact]
    public void A_reply_without_the_expected_text_fails_at_its_turn_with_the_line_and_the_whole_reply()
    {
        var result = RunOnly(Edit(13, "        reply: Omzet Anda Rp16.000.000."));

        Assert.False(result.Passed);
        Assert.Equal(
            """
            FAIL tests/shop.yaml:3 records the sales [id]
              turn 5 of 5 (line 12, send: 15 juta); the end checks were not run
                tests/shop.yaml:13:16: the reply does not contain the expected text
                  expected: Omzet Anda Rp16.000.000.
                the last reply was:
                  | Omzet Anda Rp15.000.000.
                  |
                  | Selesai.
                  | Terima kasih.
                  |
                  | Ketik /menu untuk layanan lain.
                  buttons: [Toko]
            """,
            result.Report());
    }

    [Fact]
    public void A_failing_turn_stops_the_case_and_says_which_turns_were_not_run()
    {
        var result = RunOnly(Edit(7, "        reply: Boleh kita mulai?"));

        var failure = Assert.Single(result.Failures);
        Assert.Equal("tests/shop.yaml:7:16", failure.Position.ToString());
        Assert.Equal("turn 1 of 5 (line 6, send: /toko); turns 2-5 and the end checks were not run", result.Stage);
        Assert.Null(result.Outcome);
    }

    [Fact]
    public void Tapping_a_label_the_last_reply_does_not_have_fails_there_and_suggests_the_closest_label()
    {
        var result = RunOnly(Edit(9, "      - tap: \"Yes\""));

        var failure = Assert.Single(result.Failures);
        Assert.Equal("tests/shop.yaml:9:9: the last reply has no button 'Yes' (did you mean 'Ya'?)", $"{failure.Position}: {failure.Problem}");
        Assert.StartsWith("turn 2 of 5 (line 9, tap: Yes); turns 3-5", result.Stage, StringComparison.Ordinal);
        Assert.Contains("buttons: [Ya, Tidak]", result.Report(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tapping_before_there_is_any_reply_fails_clearly()
    {
        var result = RunOnly(Edit(6, "      - tap: Toko"));

        Assert.Contains("there is no reply yet whose button could be tapped", Assert.Single(result.Failures).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Buttons_must_be_the_same_labels_in_the_same_order()
    {
        var result = RunOnly(Edit(8, "        buttons: [Tidak, Ya]"));

        var failure = Assert.Single(result.Failures);
        Assert.Equal("the buttons differ", failure.Problem);
        Assert.Equal("[Tidak, Ya]", failure.Expected);
        Assert.Equal("[Ya, Tidak]", failure.Actual);
    }

    [Fact]
    public void Text_the_reply_must_not_contain_fails_when_it_is_there()
    {
        var result = RunOnly(Edit(13, "        not_contains: [Rp16, Terima kasih]"));

        var failure = Assert.Single(result.Failures);
        Assert.Equal("the reply contains text it should not", failure.Problem);
        Assert.Equal("no Terima kasih", failure.Expected);
        Assert.Equal(13, failure.Position.Line);
    }

    [Fact]
    public void A_paragraph_break_in_the_reply_matches_a_space_in_the_test()
    {
        // The reply has "Rp15.000.000.\n\nSelesai.\nTerima kasih." and the test writes single spaces.
        Assert.True(RunOnly(Recorded).Passed);
    }

    [Fact]
    public void Every_end_expectation_that_fails_is_reported_with_expected_and_actual()
    {
        var yaml = Edit(14, "    outcome: refused")
            .Replace("status: completed", "status: cancelled", StringComparison.Ordinal)
            .Replace("sector: food, sales: 15 juta", "sector: Makanan, sales: 16 juta", StringComparison.Ordinal);

        var result = RunOnly(yaml);

        Assert.Equal("after the last turn (5)", result.Stage);
        Assert.Equal(
            [
                "14:14 another outcome: refused / recorded",
                "15:13 another status: cancelled / completed",
                "16:30 answer 'sector' differs: Makanan / food",
                "16:47 answer 'sales' differs (it is money): 16 juta / 15000000 (Rp15.000.000)",
            ],
            result.Failures.Select(f => $"{f.Position.Line}:{f.Position.Column} {f.Problem}: {f.Expected} / {f.Actual}"));
    }

    [Theory]
    [InlineData("sales: 15000000")]
    [InlineData("sales: Rp15.000.000")]
    [InlineData("sales: 15_000_000")]
    [InlineData("sales: 15jt")]
    [InlineData("consent: ya")]
    [InlineData("consent: true")]
    [InlineData("profile.phone: \"+6281234567890\"")]
    [InlineData("nothing: ~")]
    public void An_expected_answer_matches_the_stored_value_in_any_form_a_dialog_file_would_write_it(string answer)
    {
        var result = RunOnly(Edit(16, $"    answers: {{ {answer} }}"));

        Assert.True(result.Passed, result.Report());
    }

    [Theory]
    [InlineData("sales: 15000001", "answer 'sales' differs (it is money)")]
    [InlineData("consent: no", "answer 'consent' differs (it is yes/no)")]
    [InlineData("sector: ~", "answer 'sector' differs")]
    [InlineData("phone: \"+6281234567890\"", "answer 'phone' differs")]
    [InlineData("sector: FOOD", "answer 'sector' differs")]
    public void An_expected_answer_that_is_not_the_stored_value_fails(string answer, string problem)
    {
        var result = RunOnly(Edit(16, $"    answers: {{ {answer} }}"));

        Assert.Equal(problem, Assert.Single(result.Failures).Problem);
    }

    [Fact]
    public void A_misspelt_step_is_named_as_such_with_the_closest_step()
    {
        var yaml = Edit(11, "      - tap: Makanan\n        step: sale");

        var failure = Assert.Single(RunOnly(yaml).Failures);

        Assert.Equal("the conversation waits at another step; 'sale' is not a step of shop (did you mean 'sales'?)", failure.Problem);
        Assert.Equal("sales", failure.Actual);
    }

    [Fact]
    public void An_outcome_the_dialog_does_not_have_is_named_as_such()
    {
        var failure = Assert.Single(RunOnly(Edit(14, "    outcome: recordd")).Failures);

        Assert.Equal("another outcome; 'recordd' is not an outcome of shop (did you mean 'recorded'?)", failure.Problem);
    }

    [Fact]
    public void A_known_profile_value_is_read_as_the_question_that_saves_it_reads_it_and_offered_for_confirmation_masked()
    {
        const string yaml = """
            dialog: shop
            cases:
              - name: known phone
                profile: { phone: 0812 3456 7890 }
                turns:
                  - send: /toko
                  - tap: Ya
                    reply: "+62812****7890"
            """;

        var result = RunOnly(yaml);

        Assert.True(result.Passed, result.Report());
    }

    [Fact]
    public void A_profile_value_that_its_question_would_refuse_fails_before_the_first_turn()
    {
        const string yaml = """
            dialog: shop
            cases:
              - name: bad phone
                profile: { phone: not a number }
                turns:
                  - send: /toko
            """;

        var result = RunOnly(yaml);

        Assert.Equal("before the first turn", result.Stage);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("tests/shop.yaml:4:16", failure.Position.ToString());
        Assert.Contains("'not a number' is not a valid phone answer to the question that saves profile.phone", failure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_of_a_dialog_that_is_not_loaded_fails_every_case_and_suggests_the_closest_id()
    {
        var results = ConversationTestRunner.Run(Catalog, Read(Recorded.Replace("dialog: shop", "dialog: shops", StringComparison.Ordinal)));

        var failure = Assert.Single(Assert.Single(results).Failures);
        Assert.Equal("tests/shop.yaml:1:9: dialog 'shops' is not loaded: no dialog file has this id, or its file has errors (did you mean 'shop'?)",
            $"{failure.Position}: {failure.Problem}");
    }

    [Fact]
    public void Each_case_is_a_new_owner_with_nothing_left_from_the_case_before()
    {
        const string yaml = """
            dialog: shop
            cases:
              - name: stops half way
                turns:
                  - send: /toko
                  - tap: Ya
                    step: phone
              - name: starts afresh
                language: en
                turns:
                  - send: /toko
                    reply: May we start?
                    not_contains: Continuing
                    buttons: ["Yes", "No"]
                    step: consent
            """;

        var results = ConversationTestRunner.Run(Catalog, Read(yaml));

        Assert.All(results, r => Assert.True(r.Passed, r.Report()));
    }

    [Fact]
    public void A_run_time_choice_list_is_filled_from_the_test_file_and_a_case_can_replace_it()
    {
        var catalog = Load("""
            id: training
            version: 1
            languages: [id, en]
            title: { id: Pelatihan, en: Training }
            commands: [/latih]
            start: program
            steps:
              program:
                ask: { id: Pilih program, en: Choose a programme }
                options_from: programs
              done:
                end: { id: "Terdaftar: {program}", en: "Registered: {program}" }
                outcome: registered
            """);
        const string yaml = """
            dialog: training
            choices:
              programs: [ { value: bimtek, id: Bimtek Digital, en: Digital training }, ekspor ]
            cases:
              - name: the file's list
                turns:
                  - send: /latih
                    buttons: [Bimtek Digital, ekspor]
                  - tap: Bimtek Digital
                outcome: registered
                answers: { program: bimtek }
              - name: the case's own list
                language: en
                choices:
                  programs: [ { value: halal, en: Halal certification } ]
                turns:
                  - send: /latih
                    buttons: [Halal certification]
                  - tap: Halal certification
                answers: { program: halal }
            """;

        var results = ConversationTestRunner.Run(catalog, Read(yaml));

        Assert.All(results, r => Assert.True(r.Passed, r.Report()));
    }

    [Fact]
    public void Coverage_warns_of_each_outcome_no_passing_case_reaches_in_each_language()
    {
        var results = ConversationTestRunner.Run(Catalog, Read(Recorded));

        var warnings = ConversationTestRunner.Coverage(Catalog, results).Select(d => d.ToString());

        Assert.Equal(
            [
                "shop.yaml:30:3: warning untested-outcome: no passing conversation test reaches outcome 'recorded' in language 'en'",
                "shop.yaml:33:3: warning untested-outcome: no passing conversation test reaches outcome 'refused' in language 'id'",
                "shop.yaml:33:3: warning untested-outcome: no passing conversation test reaches outcome 'refused' in language 'en'",
            ],
            warnings);
    }

    [Fact]
    public void Coverage_warns_of_a_dialog_no_test_file_names_and_does_not_count_failing_cases()
    {
        var failing = ConversationTestRunner.Run(Catalog, Read(Edit(14, "    outcome: refused")));

        Assert.Equal(
            ["shop.yaml:1:1: warning untested-dialog: dialog 'shop' has no conversation tests (a file in tests/ with 'dialog: shop')"],
            ConversationTestRunner.Coverage(Catalog, []).Select(d => d.ToString()));
        Assert.Contains(
            "shop.yaml:30:3: warning untested-outcome: no passing conversation test reaches outcome 'recorded' in language 'id'",
            ConversationTestRunner.Coverage(Catalog, failing).Select(d => d.ToString()));
    }
}
