using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs.Tests.Loading;

public class DialogLoaderTests
{
    // Line numbers in the tests below count from 'id: shop' as line 1.
    private const string Valid = """
        id: shop
        version: 1
        languages: [id, en]
        title: { id: Toko, en: Shop }
        commands: [/toko]
        start: hello
        steps:
          hello:
            say: { id: Halo, en: Hello }
          sales:
            ask: { id: "Omzet?", en: "Sales?" }
            input: money
          paid:
            ask: { id: "Sudah bayar?", en: "Paid?" }
            input: yesno
          done:
            end: { id: Selesai, en: Done }
        """;

    private static IReadOnlyList<Diagnostic> Diagnostics(string yaml) =>
        DialogLoader.Load([new DialogSource("shop.yaml", yaml)], channels: HostChannels.Limits).Diagnostics;

    private static string Only(string yaml) => Assert.Single(Diagnostics(yaml)).ToString();

    /// <summary>The valid dialog with one line replaced (1-based), so that each test shows only what it breaks.</summary>
    private static string Edit(int line, string replacement)
    {
        var lines = Valid.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    private static string Append(string more) => Valid + "\n" + more;

    [Fact]
    public void Valid_dialog_loads_with_no_diagnostics()
    {
        var result = DialogLoader.Load([new DialogSource("shop.yaml", Valid)], channels: HostChannels.Limits);

        Assert.Empty(result.Diagnostics);
        var dialog = Assert.Single(result.Catalog.Dialogs);
        Assert.Equal("shop", dialog.Id);
        Assert.Equal(["hello", "sales", "paid", "done"], dialog.Definition.Steps.Select(s => s.Id));
    }

    [Theory]
    [InlineData(4, "title: \"Toko", "shop.yaml:4:8: error yaml-syntax: While scanning a multi-line double-quoted scalar, found wrong indentation.")]
    [InlineData(5, "commands: [/toko, /shop", "shop.yaml:5:17: error yaml-syntax: could not read on from here; is a '[' or '{' before it left open?")]
    [InlineData(6, "title: Lagi", "shop.yaml:6:1: error yaml-syntax: Duplicate key title")]
    [InlineData(10, "\tsales:", "shop.yaml:10:1: error yaml-syntax: While scanning a mapping, found invalid tab as indentation.")]
    [InlineData(12, "  \tinput: money", "shop.yaml:12:3: error yaml-syntax: While scanning a mapping, found invalid tab as indentation.")]
    [InlineData(13, "  paid: [yes", "shop.yaml:14:8: error yaml-syntax: While parsing a flow sequence, did not find expected ',' or ']'.")]
    public void Reports_a_YAML_syntax_error_at_its_line_and_column(int line, string replacement, string expected)
    {
        Assert.Equal(expected, Only(Edit(line, replacement)));
    }

    [Fact]
    public void Reports_an_unclosed_bracket_before_a_key_instead_of_crashing()
    {
        var result = DialogLoader.Load([new DialogSource("shop.yaml", Edit(4, "title: { id: Toko, en: Shop"))], channels: HostChannels.Limits);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("shop.yaml:4:22: error yaml-syntax: could not read on from here; is a '[' or '{' before it left open?", diagnostic.ToString());
        Assert.Empty(result.Catalog.Dialogs);
    }

    [Theory]
    [InlineData(4, "titel: { id: Toko, en: Shop }", "shop.yaml:4:1: error unknown-key: unknown key 'titel' in dialog (did you mean 'title'?)")]
    [InlineData(12, "    inptu: money", "shop.yaml:12:5: error unknown-key: unknown key 'inptu' in ask step 'sales' (did you mean 'input'?)")]
    [InlineData(9, "    say: { id: Halo, end: Hello }", "shop.yaml:9:22: error unknown-key: 'end' is not a language (did you mean 'en'?); known: id, en")]
    public void Reports_an_unknown_key_with_did_you_mean(int line, string replacement, string expected)
    {
        Assert.Contains(expected, Diagnostics(Edit(line, replacement)).Select(d => d.ToString()));
    }

    [Fact]
    public void Reports_an_unknown_key_in_a_step_and_still_reads_the_rest()
    {
        var yaml = Valid.Replace("    input: yesno", "    input: yesno\n    nxt: done", StringComparison.Ordinal);

        Assert.Equal("shop.yaml:16:5: error unknown-key: unknown key 'nxt' in ask step 'paid' (did you mean 'next'?)", Only(yaml));
    }

    [Fact]
    public void Reports_an_unknown_condition_operator_with_did_you_mean()
    {
        var yaml = Edit(15, "    input: yesno\n    next:\n      - when: { eqq: [paid, yes] }\n        goto: done\n      - goto: done");

        Assert.Equal("shop.yaml:17:17: error unknown-key: unknown condition operator 'eqq' (did you mean 'eq'?)", Only(yaml));
    }

    [Fact]
    public void Reports_an_unknown_input_kind_with_did_you_mean()
    {
        Assert.Equal(
            "shop.yaml:12:12: error bad-value: unknown input 'mony' (did you mean 'money'?); known: text, integer, number, money, yesno, choice, nik, phone, date, province",
            Only(Edit(12, "    input: mony")));
    }

    [Fact]
    public void Reports_an_unknown_goto_step_at_the_goto()
    {
        var errors = Diagnostics(Edit(9, "    say: { id: Halo, en: Hello }\n    next: sale")).Where(d => d.IsError);

        Assert.Equal(
            "shop.yaml:10:11: error unknown-step: step 'hello' goes to 'sale', which does not exist (did you mean 'sales'?)",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void Reports_an_unknown_goto_inside_a_rule_list_at_its_goto()
    {
        var yaml = Edit(15, "    input: yesno\n    next:\n      - when: { eq: [paid, yes] }\n        goto: dne\n      - goto: done");

        Assert.Equal(
            "shop.yaml:18:15: error unknown-step: step 'paid' goes to 'dne', which does not exist (did you mean 'done'?)",
            Only(yaml));
    }

    [Fact]
    public void Reports_an_unknown_start_step()
    {
        Assert.Equal(
            "shop.yaml:6:8: error unknown-step: start step 'helo' does not exist (did you mean 'hello'?)",
            Only(Edit(6, "start: helo")));
    }

    [Fact]
    public void Reports_a_dead_end_at_the_step_that_has_no_way_out()
    {
        var yaml = Edit(17, "    end: { id: Selesai, en: Done }\n  after:\n    say: { id: \"Lalu?\", en: \"Then?\" }");
        var diagnostics = Diagnostics(yaml).Select(d => d.ToString()).ToList();

        Assert.Contains("shop.yaml:18:3: error dead-end: step 'after' has no way out: add 'next', or make it an 'end' step", diagnostics);
        Assert.Contains("shop.yaml:18:3: warning unreachable-step: step 'after' cannot be reached from start step 'hello'", diagnostics);
        Assert.Equal(2, diagnostics.Count);
    }

    [Fact]
    public void Warns_when_the_last_next_rule_has_a_condition()
    {
        var yaml = Edit(15, "    input: yesno\n    next:\n      - when: { eq: [paid, yes] }\n        goto: done");

        Assert.Equal(
            "shop.yaml:18:15: warning dead-end: step 'paid' has no default 'next' (a rule without 'when'); the owner is stuck when no condition holds",
            Only(yaml));
    }

    [Fact]
    public void Reports_an_unreachable_step_as_a_warning_and_still_loads()
    {
        var yaml = Append("  orphan:\n    end: { id: Yatim, en: Orphan }");

        var result = DialogLoader.Load([new DialogSource("shop.yaml", yaml)], channels: HostChannels.Limits);

        Assert.Equal("shop.yaml:18:3: warning unreachable-step: step 'orphan' cannot be reached from start step 'hello'", Assert.Single(result.Diagnostics).ToString());
        Assert.False(result.HasErrors);
        Assert.Single(result.Catalog.Dialogs);
    }

    [Fact]
    public void Reports_a_loop_of_steps_that_never_ask_anything()
    {
        var yaml = Edit(9, "    say: { id: Halo, en: Hello }\n  again:\n    say: { id: Lagi, en: Again }\n    next: hello");

        Assert.Contains(
            "shop.yaml:8:3: error dead-end: steps loop through 'hello' without asking anything; the conversation would never stop",
            Diagnostics(yaml).Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("{ eq: [paid, 10] }", "shop.yaml:17:28: error type-mismatch: 'paid' is yes/no but '10' is a number")]
    [InlineData("{ lt: [sales, banyak] }", "shop.yaml:17:29: error type-mismatch: 'sales' is money but 'banyak' is text")]
    [InlineData("{ gt: [paid, yes] }", "shop.yaml:17:22: error type-mismatch: 'gt' orders numbers, money or dates; 'paid' is yes/no")]
    [InlineData("{ in: [paid, [yes, 2 juta]] }", "shop.yaml:17:34: error type-mismatch: 'paid' is yes/no but '2 juta' is money")]
    [InlineData("{ eq: [sale, 5] }", "shop.yaml:17:22: error unknown-answer: no step saves or computes 'sale' (did you mean 'sales'?)")]
    public void Reports_a_type_mismatch_or_unknown_answer_in_a_condition_at_its_operand(string condition, string expected)
    {
        var yaml = Edit(15, $"    input: yesno\n    next:\n      - when: {condition}\n        goto: done\n      - goto: done");

        Assert.Equal(expected, Only(yaml));
    }

    [Theory]
    [InlineData("{ lte: [sales, 2 miliar] }")]
    [InlineData("{ lte: [sales, 2_000_000_000] }")]
    [InlineData("{ gt: [sales, Rp15jt] }")]
    [InlineData("{ all: [ { eq: [paid, ya] }, { not: { eq: [paid, no] } } ] }")]
    [InlineData("{ any: [ { set: sales }, { in: [paid, [true]] } ] }")]
    [InlineData("{ ne: [sales, 0], eq: [paid, false] }")]
    public void Accepts_conditions_written_as_YAML_data(string condition)
    {
        var yaml = Edit(15, $"    input: yesno\n    next:\n      - when: {condition}\n        goto: done\n      - goto: done");

        Assert.Empty(Diagnostics(yaml));
    }

    [Fact]
    public void Warns_about_a_missing_translation()
    {
        Assert.Equal("shop.yaml:9:10: warning missing-translation: step 'hello' has no 'en' text", Only(Edit(9, "    say: { id: Halo }")));
    }

    [Fact]
    public void Warns_about_a_placeholder_no_step_fills()
    {
        Assert.Equal(
            "shop.yaml:16:3: warning unknown-answer: step 'done' shows '{sale}', but no step saves or computes 'sale' (did you mean 'sales'?)",
            Only(Edit(17, "    end: { id: \"Omzet {sale}\", en: \"Sales {sale}\" }")));
    }

    [Fact]
    public void Warns_about_a_compute_step_without_a_default_case()
    {
        var yaml = Edit(15, "    input: yesno\n  klass:\n    compute: klass\n    cases:\n      - when: { lte: [sales, 2 miliar] }\n        value: micro");

        Assert.Equal(
            "shop.yaml:19:9: warning dead-end: compute step 'klass' has no default case (one without 'when'); 'klass' stays unset when no case holds",
            Only(yaml));
    }

    [Fact]
    public void Reports_a_missing_version()
    {
        Assert.Equal("shop.yaml:1:1: error missing-field: dialog has no 'version'", Only(Edit(2, "")));
    }

    [Fact]
    public void Reports_a_step_that_does_two_things()
    {
        Assert.Equal(
            "shop.yaml:10:3: error step-kind: step 'sales' has ask and end; a step does one thing",
            Diagnostics(Edit(12, "    input: money\n    end: { id: Halo, en: Hello }"))[0].ToString());
    }

    [Fact]
    public void Reports_every_problem_of_a_file_at_once()
    {
        var yaml = Valid
            .Replace("title:", "titel:", StringComparison.Ordinal)
            .Replace("input: money", "input: mony", StringComparison.Ordinal)
            .Replace("start: hello", "start: helo", StringComparison.Ordinal);

        var lines = Diagnostics(yaml).Select(d => d.Position.Line).ToList();

        Assert.Equal([1, 4, 6, 12], lines.Order());
    }

    [Fact]
    public void File_with_errors_is_not_loaded_but_the_others_are()
    {
        var broken = Valid.Replace("id: shop", "id: broken", StringComparison.Ordinal)
            .Replace("/toko", "/rusak", StringComparison.Ordinal)
            .Replace("input: money", "input: mony", StringComparison.Ordinal);

        var result = DialogLoader.Load([new DialogSource("shop.yaml", Valid), new DialogSource("broken.yaml", broken)], channels: HostChannels.Limits);

        Assert.True(result.HasErrors);
        Assert.Equal(["shop"], result.Catalog.Dialogs.Select(d => d.Id));
        Assert.All(result.Diagnostics, d => Assert.Equal("broken.yaml", d.Position.File));
    }

    [Fact]
    public void Reports_a_dialog_id_or_command_used_twice()
    {
        var copy = Valid.Replace("/toko", "/toko2", StringComparison.Ordinal);
        var sameCommand = Valid.Replace("id: shop", "id: shop2", StringComparison.Ordinal);

        var result = DialogLoader.Load([new DialogSource("a.yaml", Valid), new DialogSource("b.yaml", copy), new DialogSource("c.yaml", sameCommand)], channels: HostChannels.Limits);

        Assert.Equal(
            [
                "b.yaml:1:5: error duplicate-id: dialog id 'shop' is already used by a.yaml",
                "c.yaml:5:12: error duplicate-command: command '/toko' already starts dialog 'shop' (a.yaml)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["shop"], result.Catalog.Dialogs.Select(d => d.Id));
    }

    [Theory]
    [InlineData("/bantuan")]
    [InlineData("/kembali")]
    [InlineData("/start")]
    public void Refuses_a_command_that_belongs_to_the_assistant(string command)
    {
        Assert.Equal(
            $"shop.yaml:5:12: error duplicate-command: command '{command}' is one of the assistant's own commands",
            Only(Edit(5, $"commands: [{command}]")));
    }

    [Fact]
    public void Warns_about_button_labels_longer_than_WhatsApp_shows()
    {
        var yaml = Edit(15, "    input: choice\n    options:\n      - { value: cash, id: Tunai, en: Cash }\n      - { value: transfer, id: Transfer lewat rekening bank, en: Bank transfer }");

        Assert.Equal(
            "shop.yaml:18:9: warning channel-limit: the 'id' label of option 'transfer' has 28 characters; WhatsApp buttons show 20 and list rows 24, "
            + "so the options are shown as a list and this label shortened at a word, with the full text in the row description; or give it a 'short:' label of up to 20",
            Only(yaml));
    }

    [Fact]
    public void A_label_that_fits_a_list_row_but_not_a_button_warns_that_the_options_become_a_list()
    {
        var yaml = Edit(15, "    input: choice\n    options:\n      - { value: cash, id: Tunai, en: Cash }\n      - { value: transfer, id: Transfer rekening bank, en: Bank transfer }");

        Assert.Equal(
            "shop.yaml:18:9: warning channel-limit: the 'id' label of option 'transfer' has 22 characters; WhatsApp buttons show 20, "
            + "so the options are shown as a list; a 'short:' label of up to 20 keeps them buttons",
            Only(yaml));
    }

    [Fact]
    public void A_label_over_a_list_rows_24_characters_warns_that_it_is_shortened_at_a_word()
    {
        var yaml = Edit(15, "    input: choice\n    options:\n      - { value: a, id: Tunai, en: Cash }\n      - { value: b, id: QRIS, en: QRIS }\n      - { value: c, id: Kartu, en: Card }\n"
            + "      - { value: transfer, id: Transfer lewat rekening bank, en: Bank transfer }");

        Assert.Contains(
            "shop.yaml:20:9: warning channel-limit: the 'id' label of option 'transfer' has 28 characters; WhatsApp list rows show 24, "
            + "so it is shortened at a word, with the full text in the row description; or give it a 'short:' label of up to 24",
            Diagnostics(yaml).Select(d => d.ToString()));
    }

    [Fact]
    public void A_short_label_within_the_limit_silences_the_warning_and_reaches_the_button()
    {
        var yaml = Edit(15, "    input: choice\n    options:\n      - { value: cash, id: Tunai, en: Cash }\n"
            + "      - { value: transfer, id: Transfer lewat rekening bank, en: Transfer to a bank account, short: { id: Transfer bank, en: Bank transfer } }");

        var result = DialogLoader.Load([new DialogSource("shop.yaml", yaml)], channels: HostChannels.Limits);

        Assert.Empty(result.Diagnostics);
        var option = result.Catalog.Dialogs[0].Definition.Steps.OfType<Definitions.AskStep>().Single(s => s.Id == "paid").Input.Options[1];
        Assert.Equal("Transfer bank", option.Short!.Plain("id"));
        Assert.Equal("Bank transfer", option.Short.Plain("en"));
    }

    [Fact]
    public void A_short_label_over_the_limit_is_an_error()
    {
        var yaml = Edit(15, "    input: choice\n    options:\n      - { value: cash, id: Tunai, en: Cash }\n"
            + "      - { value: transfer, id: Transfer lewat rekening bank, en: Bank transfer, short: { id: Transfer ke rekening bank, en: Transfer } }");

        Assert.Equal(
            "shop.yaml:18:9: error channel-limit: the 'id' short label of option 'transfer' has 25 characters; WhatsApp buttons show 20",
            Only(yaml));
    }

    [Fact]
    public void A_short_label_missing_a_language_is_a_missing_translation()
    {
        var yaml = Edit(15, "    input: choice\n    options:\n      - { value: cash, id: Tunai, en: Cash }\n"
            + "      - { value: transfer, id: Transfer lewat rekening bank, en: Bank transfer, short: { id: Transfer bank } }");

        Assert.Equal(
            "shop.yaml:18:88: warning missing-translation: short label of option 'transfer' of step 'paid' has no 'en' text",
            Only(yaml));
    }

    [Fact]
    public void Checks_the_limits_of_the_channels_the_host_passes_and_of_no_other()
    {
        var yaml = Edit(15, "    input: choice\n    options:\n      - { value: cash, id: Tunai, en: Cash }\n      - { value: transfer, id: Transfer lewat rekening bank, en: Bank transfer }");
        var narrow = new ChannelLimits("Signal") { MaxButtonLabel = 10 };

        Assert.Empty(DialogLoader.Load([new DialogSource("shop.yaml", yaml)]).Diagnostics);
        Assert.Equal(
            [
                "shop.yaml:18:9: warning channel-limit: the 'id' label of option 'transfer' has 28 characters; Signal buttons show 10, so it is shortened at a word, with the full text in the row description; or give it a 'short:' label of up to 10",
                "shop.yaml:18:9: warning channel-limit: the 'en' label of option 'transfer' has 13 characters; Signal buttons show 10, so it is shortened at a word, with the full text in the row description; or give it a 'short:' label of up to 10",
            ],
            DialogLoader.Load([new DialogSource("shop.yaml", yaml)], channels: [narrow]).Diagnostics.Select(d => d.ToString()));
    }
}
