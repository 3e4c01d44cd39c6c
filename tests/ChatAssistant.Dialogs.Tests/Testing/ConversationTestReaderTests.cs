using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Testing;

namespace ChatAssistant.Dialogs.Tests.Testing;

/// <summary>Reading test files: the model, and mistakes reported at their line and column like dialog files' mistakes.</summary>
public sealed class ConversationTestReaderTests
{
    // Line 1 is 'dialog: shop'.
    private const string Valid = """
        dialog: shop
        cases:
          - name: records the sales
            turns:
              - send: /toko
                reply: Boleh mulai?
                buttons: [Ya, Tidak]
              - tap: Ya
                reply: [Nomor HP, Anda]
                not_contains: Omzet
                step: phone
            outcome: recorded
            status: completed
            answers: { sales: 15 juta, sector: ~ }
        """;

    private static ConversationTestReadResult Read(string yaml) => ConversationTestReader.Read(new DialogSource("t.yaml", yaml));

    private static string[] Errors(string yaml) => Read(yaml).Diagnostics.Select(d => d.ToString()).ToArray();

    private static string Edit(int line, string replacement)
    {
        var lines = Valid.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public void A_valid_file_reads_into_its_cases_turns_and_expectations_with_their_positions()
    {
        var read = Read(Valid);

        Assert.Empty(read.Diagnostics);
        var file = read.File!;
        Assert.Equal("shop", file.DialogId);
        var testCase = Assert.Single(file.Cases);
        Assert.Equal(("records the sales", 3, "id"), (testCase.Name, testCase.Position.Line, testCase.Language));
        Assert.Equal([TurnAction.Send, TurnAction.Tap], testCase.Turns.Select(t => t.Action));
        Assert.Equal([1, 2], testCase.Turns.Select(t => t.Number));
        Assert.Equal(["Nomor HP", "Anda"], testCase.Turns[1].Contains.Select(c => c.Value));
        Assert.Equal(9, testCase.Turns[1].Contains[0].Position.Line);
        Assert.Equal(["Ya", "Tidak"], testCase.Turns[0].Buttons!.Labels);
        Assert.Equal("phone", testCase.Turns[1].Step!.Value);
        Assert.Equal("recorded", testCase.Outcome!.Value);
        Assert.Equal("completed", testCase.Status!.Value);
        Assert.Equal([("sales", "15 juta"), ("sector", null)], testCase.Answers.Select(a => (a.Key, a.Value)));
    }

    [Theory]
    [InlineData(6, "        reply: \"Boleh mulai?", "t.yaml:6:16: error yaml-syntax: While scanning a multi-line double-quoted scalar, found wrong indentation.")]
    [InlineData(7, "        buttons: [Ya, Tidak", "t.yaml:7:21: error yaml-syntax: could not read on from here; is a '[' or '{' before it left open?")]
    [InlineData(13, "    outcome: lagi", "t.yaml:13:5: error yaml-syntax: Duplicate key outcome")]
    public void A_yaml_mistake_is_reported_at_its_line_and_column(int line, string replacement, string expected)
    {
        var read = Read(Edit(line, replacement));

        Assert.Null(read.File);
        Assert.Equal(expected, Assert.Single(read.Diagnostics).ToString());
    }

    [Theory]
    [InlineData(10, "        not_contain: Omzet", "t.yaml:10:9: error unknown-key: unknown key 'not_contain' in a turn (did you mean 'not_contains'?)")]
    [InlineData(12, "    outcom: recorded", "t.yaml:12:5: error unknown-key: unknown key 'outcom' in a case (did you mean 'outcome'?)")]
    [InlineData(13, "    status: done", "t.yaml:13:13: error bad-value: 'status' is one of active, paused, completed, cancelled")]
    [InlineData(13, "    language: jv", "t.yaml:13:15: error bad-value: 'language' is 'id' (the default) or 'en'")]
    [InlineData(8, "      - buttons: []", "t.yaml:8:9: error missing-field: a turn has one of 'send' (what the owner types) or 'tap' (the label of a button of the last reply)")]
    [InlineData(8, "      - tap: Ya\n        send: ya", "t.yaml:8:9: error bad-value: a turn has one of 'send' (what the owner types) or 'tap' (the label of a button of the last reply)")]
    [InlineData(8, "      - tap:", "t.yaml:8:13: error bad-value: 'tap' is the label of a button of the last reply")]
    [InlineData(7, "        buttons: Ya", "t.yaml:7:18: error bad-value: 'buttons' is the list of labels in order, e.g. [Ya, Tidak]; [] for none")]
    [InlineData(3, "  - language: id", "t.yaml:3:5: error missing-field: the case has no 'name'")]
    [InlineData(1, "dialg: shop", "t.yaml:1:1: error unknown-key: unknown key 'dialg' in the test file (did you mean 'dialog'?)")]
    public void A_mistake_in_the_test_format_is_reported_at_its_line_and_column(int line, string replacement, string expected)
    {
        Assert.Contains(expected, Errors(Edit(line, replacement)));
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var yaml = Edit(10, "        not_contain: Omzet").Replace("status: completed", "status: done", StringComparison.Ordinal);

        Assert.Equal(2, Errors(yaml).Length);
    }

    [Fact]
    public void Two_cases_with_the_same_name_are_refused()
    {
        var yaml = Valid + "\n  - name: records the sales\n    turns: [ { send: /toko } ]";

        Assert.Equal(["t.yaml:15:5: error duplicate-id: another case is already named 'records the sales'"], Errors(yaml));
    }

    [Fact]
    public void A_case_with_no_turns_is_refused()
    {
        const string yaml = """
            dialog: shop
            cases:
              - name: nothing happens
                turns: []
            """;

        Assert.Equal(["t.yaml:4:12: error bad-value: 'turns' is a list, each item '- send: ...' or '- tap: ...'"], Errors(yaml));
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Equal(["t.yaml:1:1: error bad-value: a conversation-test file is a mapping with 'dialog' and 'cases'"], Errors(""));
    }

    [Fact]
    public void A_quoted_empty_text_sends_an_empty_message_and_the_language_may_be_given_in_words()
    {
        var read = Read(Edit(5, "      - send: \"\"").Replace("  - name: records the sales", "  - name: records the sales\n    language: English", StringComparison.Ordinal));

        Assert.Empty(read.Diagnostics);
        Assert.Equal(string.Empty, read.File!.Cases[0].Turns[0].Text);
        Assert.Equal("en", read.File.Cases[0].Language);
    }
}
