using System.Globalization;
using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs.Graphs;

/// <summary>
/// Draws a dialog as a flowchart: every step a node, every <c>next</c> rule an edge labelled with its condition.
/// The steps are written from the definition rather than exported from the dialog's Stateless machine: its
/// step transitions are dynamic (the target is chosen by a function at run time), so Stateless's UmlDotGraph
/// and MermaidGraph show only numbered states and anonymous "Function" decisions, without a branch or condition.
/// <see cref="Format"/>, what <c>dialogs graph</c> prints, adds the conversation-level states (asking,
/// confirming a saved value, editing from a review, paused...) read from the engine's conversation machine,
/// whose transitions are fixed and so drawn as configured (<see cref="ConversationGraph"/>);
/// <see cref="Mermaid"/> and <see cref="Dot"/> draw the steps alone.
/// </summary>
public static class DialogGraph
{
    public static string Format(DialogDefinition dialog, GraphFormat format) => format switch
    {
        GraphFormat.Dot => Dot(dialog, withConversation: true),
        _ => Mermaid(dialog, withConversation: true),
    };

    /// <summary>The text of a step's node: its kind and id, what it asks for, and for an end step its outcome.</summary>
    public static string NodeLabel(StepDefinition step) => step switch
    {
        AskStep ask => $"ask: {ask.Id} ({InputLabel(ask.Input)}){(ask.SaveAs == ask.Id ? string.Empty : $" → {ask.SaveAs}")}",
        CallStep call => $"call: {call.Id} → {call.Action}",
        ComputeStep compute => $"compute: {compute.Id}{(compute.Set == compute.Id ? string.Empty : $" → {compute.Set}")}",
        EndStep end => $"end: {end.Id} (outcome: {end.Outcome})",
        _ => $"{step.Kind.ToString().ToLowerInvariant()}: {step.Id}",
    };

    /// <summary>
    /// The text of a rule's edge: its condition; a rule without one after conditional rules is "otherwise",
    /// and the only, unconditional rule of a step needs no text.
    /// </summary>
    public static string EdgeLabel(StepDefinition step, int rule) =>
        step.Next[rule].When?.ToString() ?? (rule > 0 ? "otherwise" : string.Empty);

    /// <summary>The steps and their rules as a Mermaid flowchart.</summary>
    public static string Mermaid(DialogDefinition dialog) => Mermaid(dialog, withConversation: false);

    /// <summary>The steps and their rules as a Graphviz digraph.</summary>
    public static string Dot(DialogDefinition dialog) => Dot(dialog, withConversation: false);

    private static string Mermaid(DialogDefinition dialog, bool withConversation)
    {
        // Node ids are generated (s0, s1...): step ids may hold '-', and words such as 'end' are Mermaid keywords.
        var ids = NodeIds(dialog, i => $"s{i}");
        var text = new StringBuilder();
        text.Append("flowchart TD\n");
        text.Append("    start((\"start\"))\n");
        for (var i = 0; i < dialog.Steps.Count; i++)
        {
            var step = dialog.Steps[i];
            var label = MermaidText(NodeLabel(step));
            var (open, close) = step.Kind switch
            {
                StepKind.Ask => ("[", "]"),
                StepKind.Say => ("(", ")"),
                StepKind.Compute => ("[[", "]]"),
                StepKind.End => ("([", "])"),
                _ => ("[/", "/]"),
            };
            text.Append(CultureInfo.InvariantCulture, $"    {ids[step.Id]}{open}\"{label}\"{close}\n");
        }

        foreach (var (missing, id) in MissingTargets(dialog, ids, n => $"m{n}"))
        {
            text.Append(CultureInfo.InvariantCulture, $"    {id}[\"missing: {MermaidText(missing)}\"]\n");
        }

        if (ids.TryGetValue(dialog.Start, out var first))
        {
            text.Append(CultureInfo.InvariantCulture, $"    start --> {first}\n");
        }

        foreach (var step in dialog.Steps)
        {
            for (var r = 0; r < step.Next.Count; r++)
            {
                var label = EdgeLabel(step, r);
                var arrow = label.Length == 0 ? "-->" : $"-->|\"{MermaidText(label)}\"|";
                text.Append(CultureInfo.InvariantCulture, $"    {ids[step.Id]} {arrow} {ids[step.Next[r].Goto]}\n");
            }
        }

        var ends = dialog.Steps.Where(s => s.Kind == StepKind.End).Select(s => ids[s.Id]).ToList();
        if (ends.Count > 0)
        {
            text.Append("    classDef outcome fill:#e3f4e1,stroke:#3c763d\n");
            text.Append(CultureInfo.InvariantCulture, $"    class {string.Join(',', ends)} outcome\n");
        }

        if (withConversation)
        {
            ConversationGraph.AppendMermaid(text, dialog, MermaidText);
        }

        return text.ToString();
    }

    private static string Dot(DialogDefinition dialog, bool withConversation)
    {
        var ids = NodeIds(dialog, i => dialog.Steps[i].Id);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"digraph {DotText(dialog.Id)} {{\n");
        text.Append("    rankdir=TB;\n");
        text.Append("    node [shape=box, fontname=\"Helvetica\"];\n");
        text.Append("    edge [fontname=\"Helvetica\", fontsize=10];\n");
        // "(start)" cannot clash with a step id, which has no parentheses.
        text.Append("    \"(start)\" [shape=circle, label=\"start\", width=0.3];\n");
        foreach (var step in dialog.Steps)
        {
            var shape = step.Kind switch
            {
                StepKind.Ask => "shape=box",
                StepKind.Say => "shape=box, style=rounded",
                StepKind.Compute => "shape=hexagon",
                StepKind.End => "shape=box, style=\"rounded,filled\", fillcolor=\"#e3f4e1\", peripheries=2",
                _ => "shape=parallelogram",
            };
            text.Append(CultureInfo.InvariantCulture, $"    {DotText(ids[step.Id])} [label={DotText(NodeLabel(step))}, {shape}];\n");
        }

        foreach (var (missing, id) in MissingTargets(dialog, ids, n => $"(missing {n})"))
        {
            text.Append(CultureInfo.InvariantCulture, $"    {DotText(id)} [label={DotText("missing: " + missing)}, color=red];\n");
        }

        if (ids.TryGetValue(dialog.Start, out var first))
        {
            text.Append(CultureInfo.InvariantCulture, $"    \"(start)\" -> {DotText(first)};\n");
        }

        foreach (var step in dialog.Steps)
        {
            for (var r = 0; r < step.Next.Count; r++)
            {
                var label = EdgeLabel(step, r);
                var attributes = label.Length == 0 ? string.Empty : $" [label={DotText(label)}]";
                text.Append(CultureInfo.InvariantCulture, $"    {DotText(ids[step.Id])} -> {DotText(ids[step.Next[r].Goto])}{attributes};\n");
            }
        }

        if (withConversation)
        {
            ConversationGraph.AppendDot(text, dialog, DotText);
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static Dictionary<string, string> NodeIds(DialogDefinition dialog, Func<int, string> name)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < dialog.Steps.Count; i++)
        {
            ids.TryAdd(dialog.Steps[i].Id, name(i));
        }

        return ids;
    }

    /// <summary>
    /// A dialog that failed validation can still be drawn: a 'goto' to a step that does not exist gets a node
    /// of its own, so the mistake is visible rather than the drawing failing.
    /// </summary>
    private static List<(string Missing, string Id)> MissingTargets(DialogDefinition dialog, Dictionary<string, string> ids, Func<int, string> name)
    {
        var missing = new List<(string, string)>();
        foreach (var target in dialog.Steps.SelectMany(s => s.Next).Select(r => r.Goto))
        {
            if (!ids.ContainsKey(target))
            {
                var id = name(missing.Count);
                ids[target] = id;
                missing.Add((target, id));
            }
        }

        return missing;
    }

    private static string InputLabel(InputSpec input) =>
        input.OptionsSource is { } source ? $"choice from {source}" : DialogFileKeys.InputName(input.Kind);

    /// <summary>Mermaid reads a quoted label up to the next quote; entity codes keep quotes and pipes in it.</summary>
    private static string MermaidText(string text) => text
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("|", "#124;", StringComparison.Ordinal);

    private static string DotText(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
