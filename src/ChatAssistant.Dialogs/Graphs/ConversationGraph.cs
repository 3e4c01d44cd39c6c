using System.Globalization;
using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using Stateless.Reflection;

namespace ChatAssistant.Dialogs.Graphs;

/// <summary>
/// The conversation-level states a dialog's conversations go through at its questions and reviews (asking,
/// confirming a saved value, checking an answer said back, editing from a review, paused, completed,
/// cancelled) with their triggers, read from the engine's Stateless machine (<see cref="ConversationMachine"/>)
/// so the picture is what the engine runs. States this dialog cannot reach are left out: confirming needs a
/// question that offers a saved profile value, editing needs a review.
/// </summary>
internal static class ConversationGraph
{
    private const string Title = "conversation (at every question and review)";

    /// <summary>What the states are called in a picture.</summary>
    public static string StateLabel(ConversationPhase phase) => phase switch
    {
        ConversationPhase.Asking => "asking",
        ConversationPhase.Confirming => "confirming a saved value",
        ConversationPhase.Checking => "checking an answer said back",
        ConversationPhase.Editing => "editing from a review",
        ConversationPhase.Paused => "paused",
        ConversationPhase.Completed => "completed",
        _ => "cancelled",
    };

    /// <summary>A trigger in words: "OfferSaved" is "offer saved".</summary>
    public static string TriggerLabel(object trigger)
    {
        var name = trigger.ToString() ?? string.Empty;
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>A transition's edge text: its trigger, and the guard that picks it when the trigger has several.</summary>
    private static string EdgeLabel(FixedTransitionInfo transition)
    {
        var trigger = TriggerLabel(transition.Trigger.UnderlyingTrigger);
        var guard = transition.GuardConditionsMethodDescriptions.Select(g => g.Description).FirstOrDefault();
        return guard is null ? trigger : $"{trigger} [{guard}]";
    }

    /// <summary>The states this dialog can reach, in the machine's order.</summary>
    public static List<ConversationPhase> States(DialogDefinition dialog)
    {
        var confirming = dialog.Steps.OfType<AskStep>().Any(a => a.SavesToProfile && a.ConfirmKnown);
        var editing = dialog.Steps.OfType<ReviewStep>().Any();
        return Enum.GetValues<ConversationPhase>()
            .Where(p => (p != ConversationPhase.Confirming || confirming) && (p != ConversationPhase.Editing || editing))
            .ToList();
    }

    /// <summary>The transitions between <see cref="States"/>, as configured in the machine (re-entries left out).</summary>
    public static List<(ConversationPhase From, ConversationPhase To, string Label)> Transitions(DialogDefinition dialog)
    {
        var states = States(dialog);
        var edges = new List<(ConversationPhase, ConversationPhase, string)>();
        foreach (var state in ConversationMachine.Info.States)
        {
            var from = (ConversationPhase)state.UnderlyingState;
            if (!states.Contains(from))
            {
                continue;
            }

            foreach (var transition in state.FixedTransitions)
            {
                var to = (ConversationPhase)transition.DestinationState.UnderlyingState;
                if (to != from && states.Contains(to))
                {
                    edges.Add((from, to, EdgeLabel(transition)));
                }
            }
        }

        return edges;
    }

    /// <summary>A Mermaid subgraph for a flowchart: rounded nodes and dotted edges, apart from the steps' arrows.</summary>
    public static void AppendMermaid(StringBuilder text, DialogDefinition dialog, Func<string, string> escape)
    {
        text.Append(CultureInfo.InvariantCulture, $"    subgraph conversation[\"{escape(Title)}\"]\n");
        foreach (var state in States(dialog))
        {
            text.Append(CultureInfo.InvariantCulture, $"        {MermaidId(state)}([\"{escape(StateLabel(state))}\"])\n");
        }

        foreach (var (from, to, label) in Transitions(dialog))
        {
            text.Append(CultureInfo.InvariantCulture, $"        {MermaidId(from)} -.->|\"{escape(label)}\"| {MermaidId(to)}\n");
        }

        text.Append("    end\n");
    }

    /// <summary>A dot cluster, dashed, with node ids in parentheses so that they cannot clash with step ids.</summary>
    public static void AppendDot(StringBuilder text, DialogDefinition dialog, Func<string, string> quote)
    {
        text.Append("    subgraph cluster_conversation {\n");
        text.Append(CultureInfo.InvariantCulture, $"        label={quote(Title)};\n");
        text.Append("        style=dashed;\n");
        foreach (var state in States(dialog))
        {
            text.Append(CultureInfo.InvariantCulture, $"        {quote(DotId(state))} [label={quote(StateLabel(state))}, shape=box, style=rounded];\n");
        }

        foreach (var (from, to, label) in Transitions(dialog))
        {
            text.Append(CultureInfo.InvariantCulture, $"        {quote(DotId(from))} -> {quote(DotId(to))} [label={quote(label)}, style=dashed];\n");
        }

        text.Append("    }\n");
    }

    // "conversation_" keeps Mermaid keywords ("end") and step node ids (s0, s1...) out of the way.
    private static string MermaidId(ConversationPhase phase) => "conversation_" + phase.ToString().ToLowerInvariant();

    private static string DotId(ConversationPhase phase) => $"(conversation {phase.ToString().ToLowerInvariant()})";
}
