using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Testing;
using ChatAssistant.Dialogs.Tests.Testing;

namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>
/// Dialog files are read by other tools too (PyYAML in maintainers' scripts, editors' YAML 1.1 parsers):
/// a plain scalar they read differently is a warning with its position, and the shipped files have none.
/// Anchors and aliases are refused, so no file can make the loader expand a node exponentially.
/// </summary>
public class YamlPortabilityTests
{
    private const string Dialog = """
        id: shop
        version: 1
        languages: [id, en]
        title: { id: Toko, en: Shop }
        commands: [/toko]
        start: hello
        steps:
          hello:
            say: { id: "Halo", en: "Hello" }
          done:
            end: { id: Selesai, en: Done }
        """;

    private static List<string> Warnings(string yaml) =>
        DialogLoader.Load([new DialogSource("shop.yaml", yaml)], channels: HostChannels.Limits).Diagnostics.Select(d => d.ToString()).ToList();

    private static string Edit(int line, string replacement)
    {
        var lines = Dialog.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Theory]
    [InlineData("    say: { id: Halo?, en: \"Hello\" }",
        "shop.yaml:9:16: warning ambiguous-scalar: a YAML 1.1 parser (PyYAML) cannot read a plain '?' inside { } or [ ]; quote it (\"Halo?\")")]
    [InlineData("    say: { id: \"Halo\", en: on }",
        "shop.yaml:9:28: warning ambiguous-scalar: YAML 1.1 parsers read 'on' as a yes/no value; quote it (\"on\")")]
    [InlineData("    say: { id: \"Halo\", en: 0812 }",
        "shop.yaml:9:28: warning ambiguous-scalar: YAML 1.1 parsers read '0812' as an octal number or drop its leading zero; quote it (\"0812\")")]
    [InlineData("    say: { id: \"Halo\", en: 1:30 }",
        "shop.yaml:9:28: warning ambiguous-scalar: YAML 1.1 parsers read '1:30' as a base-60 number (1:30 is 90); quote it (\"1:30\")")]
    [InlineData("    say: { id: \"Halo\", en: Yes }",
        "shop.yaml:9:28: warning ambiguous-scalar: YAML 1.1 parsers read the text 'Yes' as a yes/no value; quote it (\"Yes\")")]
    [InlineData("    say: No",
        "shop.yaml:9:10: warning ambiguous-scalar: YAML 1.1 parsers read the text 'No' as a yes/no value; quote it (\"No\")")]
    public void Warns_on_a_plain_scalar_YAML_1_1_reads_differently_at_its_line_and_column(string line9, string expected)
    {
        Assert.Equal([expected], Warnings(Edit(9, line9)));
    }

    [Theory]
    [InlineData("    say: { id: \"Halo?\", en: 'Hello?' }")]
    [InlineData("    say: Halo? Apa kabar")]
    [InlineData("    say: { id: \"Halo\", en: \"on\" }")]
    public void A_quoted_or_block_scalar_is_not_warned_about(string line9)
    {
        Assert.Empty(Warnings(Edit(9, line9)));
    }

    [Fact]
    public void A_yes_word_in_a_condition_is_a_yes_no_value_there_too_and_not_warned_about()
    {
        var yaml = Dialog.Replace("""
              hello:
                say: { id: "Halo", en: "Hello" }
            """, """
              hello:
                ask: { id: "Sudah?", en: "Done?" }
                input: yesno
                save: done_it
                next:
                  - when: { eq: [done_it, yes] }
                    goto: done
                  - goto: done
            """, StringComparison.Ordinal);

        Assert.Empty(Warnings(yaml));
    }

    [Fact]
    public void An_alias_bomb_in_a_condition_is_refused_at_once_with_its_position()
    {
        // Nine levels of nine aliases each would be 9^9 (387 million) conditions if expanded.
        var bomb = new System.Text.StringBuilder("x0: &a0 { eq: [done_it, yes] }\n");
        for (var i = 1; i <= 9; i++)
        {
            bomb.Append(System.Globalization.CultureInfo.InvariantCulture, $"x{i}: &a{i} {{ all: [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}] }}\n");
        }

        var yaml = Dialog.Replace("""
                say: { id: "Halo", en: "Hello" }
            """, """
                ask: { id: "Sudah?", en: "Done?" }
                input: yesno
                save: done_it
                next:
                  - when: *a9
                    goto: done
                  - goto: done
            """, StringComparison.Ordinal) + "\n" + bomb;

        var diagnostics = DialogLoader.Load([new DialogSource("shop.yaml", yaml)], channels: HostChannels.Limits).Diagnostics;

        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.YamlAlias, d.Code));
        Assert.Contains("shop.yaml:13:15: error yaml-alias: aliases (*a9) are not allowed in dialog and test files; write the value out", diagnostics.Select(d => d.ToString()));
        Assert.Contains(diagnostics, d => d.ToString().StartsWith("shop.yaml:18:5: error yaml-alias: anchors (&a0)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_test_file_with_an_alias_is_refused()
    {
        var read = ConversationTestReader.Read(new DialogSource("t.yaml", """
            dialog: shop
            cases:
              - name: &n one
                turns: [ { send: /toko } ]
              - name: *n
                turns: [ { send: /toko } ]
            """));

        Assert.Null(read.File);
        Assert.Contains("t.yaml:3:11: error yaml-alias: anchors (&n) are not allowed in dialog and test files; write the value out", read.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_test_file_warns_on_a_plain_Yes_button_label()
    {
        var read = ConversationTestReader.Read(new DialogSource("t.yaml", """
            dialog: shop
            cases:
              - name: one
                turns:
                  - send: /toko
                    buttons: [Yes, "No"]
            """));

        Assert.Equal(["t.yaml:6:19: warning ambiguous-scalar: YAML 1.1 parsers read the text 'Yes' as a yes/no value; quote it (\"Yes\")"],
            read.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_file_nested_deeper_than_any_dialog_needs_is_refused_before_its_nodes_are_read()
    {
        var deep = Dialog + "\nextra: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var diagnostic = Assert.Single(DialogLoader.Load([new DialogSource("shop.yaml", deep)], channels: HostChannels.Limits).Diagnostics);

        Assert.Equal("shop.yaml:12:71: error bad-value: nested more than 64 levels deep; no dialog needs that", diagnostic.ToString());
    }

    [Fact]
    public void The_shipped_dialog_and_test_files_have_no_YAML_1_1_ambiguity()
    {
        var diagnostics = ShippedDialogs.Dialogs.Diagnostics.Concat(ShippedDialogs.TestFiles.SelectMany(t => t.Diagnostics));

        Assert.Empty(diagnostics.Where(d => d.Code is DiagnosticCodes.AmbiguousScalar or DiagnosticCodes.YamlAlias).Select(d => d.ToString()));
    }
}
