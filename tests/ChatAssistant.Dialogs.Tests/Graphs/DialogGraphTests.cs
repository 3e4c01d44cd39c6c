using System.Text.RegularExpressions;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Graphs;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Tests.Loading;

namespace ChatAssistant.Dialogs.Tests.Graphs;

public class DialogGraphTests
{
    private const string Branching = """
        id: shop
        version: 1
        languages: [id, en]
        title: { id: Toko, en: Shop }
        commands: [/toko]
        start: hello
        steps:
          hello:
            say: { id: Halo, en: Hello }
          name:
            ask: { id: "Nama usaha?", en: "Business name?" }
            save: profile.business_name
          sales:
            ask: { id: "Omzet?", en: "Sales?" }
            input: money
          program:
            ask: { id: "Pelatihan?", en: "Training?" }
            options_from: training_programs
          klass:
            compute: business_class
            cases:
              - when: { lte: [sales, 2 miliar] }
                value: micro
              - value: other
          check:
            review: { id: "Periksa:", en: "Check:" }
            keys:
              - { key: sales, label: { id: Omzet, en: Sales } }
            next:
              - when: { all: [ { eq: [business_class, micro] }, { in: [program, ['a"b', 'c|d']] } ] }
                goto: end
              - goto: other
          end:
            end: { id: "Mikro", en: "Micro" }
            outcome: micro
          other:
            end: { id: "Lain", en: "Other" }
        """;

    private static DialogDefinition Load(string yaml)
    {
        var result = DialogLoader.Load([new DialogSource("shop.yaml", yaml)]);
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Catalog.Dialogs).Definition;
    }

    public static TheoryData<string> ShippedDialogIds() => new(ShippedDialogs().Select(d => d.Id));

    private static IReadOnlyList<DialogDefinition> ShippedDialogs()
    {
        var sources = Directory.EnumerateFiles(RepositoryFiles.Path("dialogs"), "*.yaml")
            .Select(f => new DialogSource(Path.GetRelativePath(RepositoryFiles.Root, f), File.ReadAllText(f)))
            .Append(new DialogSource("dialogs/data/programmes.yaml", File.ReadAllText(RepositoryFiles.Path("dialogs", "data", "programmes.yaml"))));
        return DialogLoader.Load(sources).Catalog.Dialogs.Select(d => d.Definition).ToList();
    }

    [Theory]
    [MemberData(nameof(ShippedDialogIds))]
    public void The_graph_of_each_shipped_dialog_names_all_its_steps_in_both_formats(string id)
    {
        var dialog = ShippedDialogs().Single(d => d.Id == id);

        foreach (var format in Enum.GetValues<GraphFormat>())
        {
            var graph = DialogGraph.Format(dialog, format);
            Assert.All(dialog.Steps, step => Assert.Contains($"\"{DialogGraph.NodeLabel(step)}\"", graph, StringComparison.Ordinal));
            Assert.All(dialog.Steps, step => Assert.Contains($"{step.Kind.ToString().ToLowerInvariant()}: {step.Id}", graph, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(ShippedDialogIds))]
    public void The_graph_of_each_shipped_dialog_has_an_edge_for_every_next_rule(string id)
    {
        var dialog = ShippedDialogs().Single(d => d.Id == id);
        var rules = dialog.Steps.Sum(s => s.Next.Count);

        // One more edge: from the start marker to the first step.
        Assert.Equal(rules + 1, Regex.Count(DialogGraph.Mermaid(dialog), " -->"));
        Assert.Equal(rules + 1, Regex.Count(DialogGraph.Dot(dialog), " -> "));
    }

    [Fact]
    public void The_stimulus_graph_shows_its_branches_with_their_conditions_and_its_outcomes()
    {
        var dialog = ShippedDialogs().Single(d => d.Id == "stimulus-eligibility");

        var mermaid = DialogGraph.Mermaid(dialog);

        Assert.StartsWith("flowchart TD\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("[\"ask: annual_sales (money)\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("(\"say: intro\")", mermaid, StringComparison.Ordinal);
        Assert.Contains("([\"end: no_consent (outcome: no_consent)\"])", mermaid, StringComparison.Ordinal);
        Assert.Contains("-->|\"consent = no\"|", mermaid, StringComparison.Ordinal);
        Assert.Contains("-->|\"halal_certified = Yes\"|", mermaid, StringComparison.Ordinal);
        Assert.Contains("-->|\"otherwise\"|", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_say_the_kind_the_input_the_key_saved_and_the_outcome()
    {
        var dialog = Load(Branching);

        Assert.Equal(
            [
                "say: hello",
                "ask: name (text) → profile.business_name",
                "ask: sales (money)",
                "ask: program (choice from training_programs)",
                "compute: klass → business_class",
                "review: check",
                "end: end (outcome: micro)",
                "end: other (outcome: other)",
            ],
            dialog.Steps.Select(DialogGraph.NodeLabel));
    }

    [Fact]
    public void Mermaid_uses_its_own_node_ids_so_step_ids_that_are_mermaid_words_cannot_break_it()
    {
        var mermaid = DialogGraph.Mermaid(Load(Branching));

        Assert.Contains("    s6([\"end: end (outcome: micro)\"])\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    s5 -->|\"(business_class = micro and program in [a#quot;b, c#124;d])\"| s6\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    s5 -->|\"otherwise\"| s7\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    start --> s0\n", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("\"a\"b", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_quotes_ids_and_labels_and_marks_end_steps()
    {
        var dot = DialogGraph.Dot(Load(Branching));

        Assert.StartsWith("digraph \"shop\" {\n", dot, StringComparison.Ordinal);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
        Assert.Contains("    \"(start)\" -> \"hello\";\n", dot, StringComparison.Ordinal);
        Assert.Contains("    \"check\" -> \"end\" [label=\"(business_class = micro and program in [a\\\"b, c|d])\"];\n", dot, StringComparison.Ordinal);
        Assert.Contains("    \"hello\" -> \"name\";\n", dot, StringComparison.Ordinal);
        Assert.Contains("\"end\" [label=\"end: end (outcome: micro)\", shape=box, style=\"rounded,filled\", fillcolor=\"#e3f4e1\", peripheries=2];", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void A_goto_to_a_missing_step_is_drawn_as_a_missing_node_rather_than_failing()
    {
        var dialog = Load(Branching);
        var check = dialog.Steps.OfType<ReviewStep>().Single();
        var broken = dialog with
        {
            Steps = dialog.Steps.Select(s => s == check ? check with { Next = [new NextRule(null, "nowhere", check.Position)] } : s).ToList(),
        };

        Assert.Contains("m0[\"missing: nowhere\"]", DialogGraph.Mermaid(broken), StringComparison.Ordinal);
        Assert.Contains("\"(missing 0)\" [label=\"missing: nowhere\", color=red];", DialogGraph.Dot(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void The_printed_graph_names_the_conversation_states_and_their_triggers_in_both_formats()
    {
        var dialog = Load(Branching);

        var mermaid = DialogGraph.Format(dialog, GraphFormat.Mermaid);
        var dot = DialogGraph.Format(dialog, GraphFormat.Dot);

        string[] states = ["asking", "confirming a saved value", "checking an answer said back", "editing from a review", "paused", "completed", "cancelled"];
        Assert.All(states, state => Assert.Contains($"([\"{state}\"])", mermaid, StringComparison.Ordinal));
        Assert.All(states, state => Assert.Contains($"[label=\"{state}\", shape=box, style=rounded]", dot, StringComparison.Ordinal));

        Assert.Contains("    subgraph conversation[\"conversation (at every question and review)\"]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_asking -.->|\"offer saved\"| conversation_confirming\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_confirming -.->|\"keep saved\"| conversation_asking\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_asking -.->|\"say back\"| conversation_checking\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_checking -.->|\"rejected [a new value was asked about]\"| conversation_confirming\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_asking -.->|\"edit from review\"| conversation_editing\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_editing -.->|\"back at review\"| conversation_asking\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_asking -.->|\"pause\"| conversation_paused\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_paused -.->|\"resume [it was editing]\"| conversation_editing\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_asking -.->|\"complete\"| conversation_completed\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    \"(conversation editing)\" -> \"(conversation asking)\" [label=\"back at review\", style=dashed];\n", dot, StringComparison.Ordinal);
        Assert.EndsWith("    }\n}\n", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversation_states_a_dialog_cannot_reach_are_left_out_of_its_graph()
    {
        var dialog = Load("""
            id: plain
            version: 1
            languages: [id, en]
            title: { id: Polos, en: Plain }
            commands: [/polos]
            start: sales
            steps:
              sales:
                ask: { id: "Omzet?", en: "Sales?" }
                input: money
              done:
                end: { id: "Selesai", en: "Done" }
            """);

        var mermaid = DialogGraph.Format(dialog, GraphFormat.Mermaid);

        // No review, so no editing from one; no profile question, so no saved value to confirm.
        Assert.DoesNotContain("editing from a review", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("confirming a saved value", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_asking -.->|\"say back\"| conversation_checking\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("conversation_paused([\"paused\"])", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void The_step_flowcharts_alone_have_no_conversation_states()
    {
        var dialog = Load(Branching);

        Assert.DoesNotContain("conversation", DialogGraph.Mermaid(dialog), StringComparison.Ordinal);
        Assert.DoesNotContain("conversation", DialogGraph.Dot(dialog), StringComparison.Ordinal);
    }
}
