using Stateless;
using Stateless.Reflection;

namespace ChatAssistant.Dialogs.Running;

/// <summary>Where a conversation stands beyond its step: the states of <see cref="ConversationMachine"/>.</summary>
internal enum ConversationPhase
{
    /// <summary>Waiting for the answer to the current step (a question or a review).</summary>
    Asking,

    /// <summary>A saved profile value was offered: waiting for "still right" or "change".</summary>
    Confirming,

    /// <summary>An answer was said back before storing: waiting for yes or no.</summary>
    Checking,

    /// <summary>An answer is being changed from a review; the review comes back after it.</summary>
    Editing,

    /// <summary>Another dialog was started; this one resumes where it stopped.</summary>
    Paused,

    Completed,

    Cancelled,
}

/// <summary>What moves a conversation from one <see cref="ConversationPhase"/> to another.</summary>
internal enum ConversationTrigger
{
    /// <summary>A question whose answer the profile already holds: offer it ("still right?").</summary>
    OfferSaved,

    KeepSaved,

    ChangeSaved,

    /// <summary>An answer is said back before it is stored (a typo allowed, a per-year figure, an unusual size, a new value).</summary>
    SayBack,

    /// <summary>Yes to an answer said back: it is stored.</summary>
    Confirmed,

    /// <summary>No to an answer said back, or another answer instead of it.</summary>
    Rejected,

    /// <summary>The question was answered (by a button) while a saved value was offered or an answer said back.</summary>
    Answered,

    /// <summary>"/kembali" while a saved value was offered or an answer said back.</summary>
    Back,

    EditFromReview,

    /// <summary>The review is reached again after an edit.</summary>
    BackAtReview,

    Pause,

    Resume,

    /// <summary>Started over: "/ulang", a new start link, or a dialog whose step is gone.</summary>
    Restart,

    /// <summary>An end step is reached.</summary>
    Complete,

    Cancel,

    /// <summary>No 'next' rule holds, or an action the host does not have: the conversation cannot go on.</summary>
    Stuck,

    /// <summary>Its dialog is no longer loaded.</summary>
    Unavailable,
}

/// <summary>
/// The conversation-level states of every dialog (asking, confirming a saved value, checking an answer said
/// back, editing from a review, paused, completed, cancelled) and the triggers between them, defined once as
/// rules and configured into a Stateless machine from them: <c>dialogs graph</c> draws that machine's
/// configuration (<see cref="Info"/>), and tests hold the engine's moves to it. The state lives in the
/// conversation (<see cref="ConversationState.Status"/> and <see cref="ConversationState.Mode"/>).
/// The engine moves a conversation with <see cref="Fire"/>, which walks the same rules without Stateless:
/// Stateless's Fire allocates about 1.2 KB per transition (LINQ over its handlers, boxed states), measured in
/// the engine benchmarks, and a conversation-level move happens on the hot path (every end, every saved value
/// offered), where the engine must not allocate more than it did when these states were hand-set.
/// </summary>
internal static class ConversationMachine
{
    /// <summary>One transition: from a state on a trigger to a state, when a condition on the conversation holds.</summary>
    private sealed record Rule(ConversationPhase From, ConversationTrigger Trigger, ConversationPhase To, Func<ConversationState, bool>? When = null, string? WhenText = null);

    private static readonly ConversationPhase[] Open =
        [ConversationPhase.Asking, ConversationPhase.Confirming, ConversationPhase.Checking, ConversationPhase.Editing];

    private static readonly Rule[] Rules = BuildRules();

    /// <summary>The configured states and transitions, for drawing: one description shared by every graph.</summary>
    public static StateMachineInfo Info { get; } = Configure(new Binding()).GetInfo();

    /// <summary>The conversation a Stateless machine from <see cref="Configure"/> reads and writes, set per fire.</summary>
    internal sealed class Binding
    {
        public ConversationState? Conversation { get; set; }
    }

    /// <summary>
    /// A Stateless machine configured from the rules, over whichever conversation <paramref name="binding"/>
    /// holds (Stateless's external-state constructor). For the graph and to check <see cref="Fire"/> against.
    /// </summary>
    internal static StateMachine<ConversationPhase, ConversationTrigger> Configure(Binding binding)
    {
        // Stateless reads the state while it is constructed, before any conversation is bound.
        var machine = new StateMachine<ConversationPhase, ConversationTrigger>(
            () => binding.Conversation is { } conversation ? PhaseOf(conversation) : ConversationPhase.Asking,
            phase =>
            {
                if (binding.Conversation is { } conversation)
                {
                    Write(conversation, phase);
                }
            },
            FiringMode.Immediate);

        foreach (var rule in Rules)
        {
            var state = machine.Configure(rule.From);
            var when = rule.When;
            Func<bool> guard = () => when is null || (binding.Conversation is { } conversation && when(conversation));
            if (rule.From == rule.To)
            {
                state.PermitReentryIf(rule.Trigger, guard, rule.WhenText);
            }
            else if (when is null)
            {
                state.Permit(rule.Trigger, rule.To);
            }
            else
            {
                state.PermitIf(rule.Trigger, rule.To, guard, rule.WhenText);
            }
        }

        return machine;
    }

    /// <summary>Moves <paramref name="conversation"/> by <paramref name="trigger"/>; a trigger its state does not permit throws, as in Stateless.</summary>
    public static void Fire(ConversationState conversation, ConversationTrigger trigger)
    {
        var from = PhaseOf(conversation);
        foreach (var rule in Rules)
        {
            if (rule.From == from && rule.Trigger == trigger && (rule.When is null || rule.When(conversation)))
            {
                Write(conversation, rule.To);
                return;
            }
        }

        throw new InvalidOperationException($"No valid leaving transitions are permitted from state '{from}' for trigger '{trigger}'.");
    }

    /// <summary>The phase a conversation is in, read from its status and mode.</summary>
    public static ConversationPhase PhaseOf(ConversationState conversation) => conversation.Status switch
    {
        ConversationStatus.Paused => ConversationPhase.Paused,
        ConversationStatus.Completed => ConversationPhase.Completed,
        ConversationStatus.Cancelled => ConversationPhase.Cancelled,
        _ => conversation.Mode switch
        {
            ConversationMode.Confirming => ConversationPhase.Confirming,
            ConversationMode.Checking => ConversationPhase.Checking,
            ConversationMode.Editing => ConversationPhase.Editing,
            _ => ConversationPhase.Asking,
        },
    };

    private static Rule[] BuildRules()
    {
        static bool InReview(ConversationState c) => c.ReviewStepId is not null;

        var rules = new List<Rule>
        {
            new(ConversationPhase.Asking, ConversationTrigger.OfferSaved, ConversationPhase.Confirming),
            new(ConversationPhase.Asking, ConversationTrigger.SayBack, ConversationPhase.Checking),
            new(ConversationPhase.Asking, ConversationTrigger.EditFromReview, ConversationPhase.Editing),

            new(ConversationPhase.Confirming, ConversationTrigger.KeepSaved, ConversationPhase.Asking),
            new(ConversationPhase.Confirming, ConversationTrigger.ChangeSaved, ConversationPhase.Asking),
            new(ConversationPhase.Confirming, ConversationTrigger.SayBack, ConversationPhase.Checking),

            // No to a new value ("Maksud Anda … baru?") goes back to "still right?"; any other no asks again.
            new(ConversationPhase.Checking, ConversationTrigger.Rejected, ConversationPhase.Confirming, c => c.Check == AnswerCheck.NewValue, "a new value was asked about"),
            new(ConversationPhase.Checking, ConversationTrigger.Rejected, ConversationPhase.Editing, c => c.Check != AnswerCheck.NewValue && InReview(c), "editing from a review"),
            new(ConversationPhase.Checking, ConversationTrigger.Rejected, ConversationPhase.Asking, c => c.Check != AnswerCheck.NewValue && !InReview(c), "otherwise"),

            new(ConversationPhase.Editing, ConversationTrigger.SayBack, ConversationPhase.Checking),
            new(ConversationPhase.Editing, ConversationTrigger.BackAtReview, ConversationPhase.Asking),
            new(ConversationPhase.Editing, ConversationTrigger.EditFromReview, ConversationPhase.Editing),
        };

        // Back to what the conversation did before the offer or the check: editing from a review, or asking.
        foreach (var (from, trigger) in (ReadOnlySpan<(ConversationPhase, ConversationTrigger)>)[
            (ConversationPhase.Confirming, ConversationTrigger.Answered), (ConversationPhase.Confirming, ConversationTrigger.Back),
            (ConversationPhase.Checking, ConversationTrigger.Confirmed), (ConversationPhase.Checking, ConversationTrigger.Answered),
            (ConversationPhase.Checking, ConversationTrigger.Back)])
        {
            rules.Add(new(from, trigger, ConversationPhase.Editing, InReview, "editing from a review"));
            rules.Add(new(from, trigger, ConversationPhase.Asking, c => !InReview(c), "otherwise"));
        }

        foreach (var phase in Open)
        {
            rules.Add(new(phase, ConversationTrigger.Pause, ConversationPhase.Paused));
            rules.Add(new(phase, ConversationTrigger.Restart, ConversationPhase.Asking));
            rules.Add(new(phase, ConversationTrigger.Complete, ConversationPhase.Completed));
            rules.Add(new(phase, ConversationTrigger.Cancel, ConversationPhase.Cancelled));
            rules.Add(new(phase, ConversationTrigger.Stuck, ConversationPhase.Cancelled));
            rules.Add(new(phase, ConversationTrigger.Unavailable, ConversationPhase.Cancelled));
        }

        // A paused conversation keeps its mode: it resumes waiting for what it waited for.
        rules.Add(new(ConversationPhase.Paused, ConversationTrigger.Resume, ConversationPhase.Asking, c => c.Mode == ConversationMode.Normal, "it was asking"));
        rules.Add(new(ConversationPhase.Paused, ConversationTrigger.Resume, ConversationPhase.Confirming, c => c.Mode == ConversationMode.Confirming, "it was confirming"));
        rules.Add(new(ConversationPhase.Paused, ConversationTrigger.Resume, ConversationPhase.Checking, c => c.Mode == ConversationMode.Checking, "it was checking"));
        rules.Add(new(ConversationPhase.Paused, ConversationTrigger.Resume, ConversationPhase.Editing, c => c.Mode == ConversationMode.Editing, "it was editing"));
        return [.. rules];
    }

    /// <summary>
    /// Writes a phase into the conversation. Pausing and ending change the status only: the mode is kept, so a
    /// paused conversation resumes waiting for what it waited for.
    /// </summary>
    private static void Write(ConversationState conversation, ConversationPhase phase)
    {
        switch (phase)
        {
            case ConversationPhase.Paused:
                conversation.Status = ConversationStatus.Paused;
                return;
            case ConversationPhase.Completed:
                conversation.Status = ConversationStatus.Completed;
                return;
            case ConversationPhase.Cancelled:
                conversation.Status = ConversationStatus.Cancelled;
                return;
        }

        conversation.Status = ConversationStatus.Active;
        conversation.Mode = phase switch
        {
            ConversationPhase.Confirming => ConversationMode.Confirming,
            ConversationPhase.Checking => ConversationMode.Checking,
            ConversationPhase.Editing => ConversationMode.Editing,
            _ => ConversationMode.Normal,
        };
    }
}
