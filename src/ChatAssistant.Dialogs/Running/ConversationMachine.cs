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
/// back, editing from a review, paused, completed, cancelled) as a Stateless machine, so that the engine's
/// moves between them are the machine's transitions and <c>dialogs graph</c> can draw them. The state is kept
/// in the conversation (<see cref="ConversationState.Status"/> and <see cref="ConversationState.Mode"/>),
/// read and written through Stateless's external-state constructor, so one configured machine serves any
/// number of conversations: one per engine thread (see <see cref="Turn.Machine"/>), configured once.
/// </summary>
internal sealed class ConversationMachine
{
    private static readonly ConversationPhase[] Open =
        [ConversationPhase.Asking, ConversationPhase.Confirming, ConversationPhase.Checking, ConversationPhase.Editing];

    private readonly StateMachine<ConversationPhase, ConversationTrigger> _machine;
    private ConversationState? _conversation;

    public ConversationMachine()
    {
        // Stateless reads the state while it is constructed, before any conversation is bound.
        _machine = new StateMachine<ConversationPhase, ConversationTrigger>(Read, Write, FiringMode.Immediate);

        var asking = _machine.Configure(ConversationPhase.Asking)
            .Permit(ConversationTrigger.OfferSaved, ConversationPhase.Confirming)
            .Permit(ConversationTrigger.SayBack, ConversationPhase.Checking)
            .Permit(ConversationTrigger.EditFromReview, ConversationPhase.Editing);

        _machine.Configure(ConversationPhase.Confirming)
            .Permit(ConversationTrigger.KeepSaved, ConversationPhase.Asking)
            .Permit(ConversationTrigger.ChangeSaved, ConversationPhase.Asking)
            .Permit(ConversationTrigger.SayBack, ConversationPhase.Checking);
        ToBase(ConversationPhase.Confirming, ConversationTrigger.Answered);
        ToBase(ConversationPhase.Confirming, ConversationTrigger.Back);

        var checking = _machine.Configure(ConversationPhase.Checking);
        ToBase(ConversationPhase.Checking, ConversationTrigger.Confirmed);
        ToBase(ConversationPhase.Checking, ConversationTrigger.Answered);
        ToBase(ConversationPhase.Checking, ConversationTrigger.Back);

        // No to a new value ("Maksud Anda … baru?") goes back to "still right?"; any other no asks again.
        checking.PermitIf(ConversationTrigger.Rejected, ConversationPhase.Confirming, () => _conversation?.Check == AnswerCheck.NewValue, "a new value was asked about");
        checking.PermitIf(ConversationTrigger.Rejected, ConversationPhase.Editing, () => _conversation?.Check != AnswerCheck.NewValue && InReview(), "editing from a review");
        checking.PermitIf(ConversationTrigger.Rejected, ConversationPhase.Asking, () => _conversation?.Check != AnswerCheck.NewValue && !InReview(), "otherwise");

        _machine.Configure(ConversationPhase.Editing)
            .Permit(ConversationTrigger.SayBack, ConversationPhase.Checking)
            .Permit(ConversationTrigger.BackAtReview, ConversationPhase.Asking)
            .PermitReentry(ConversationTrigger.EditFromReview);

        foreach (var phase in Open)
        {
            var state = phase == ConversationPhase.Asking ? asking : _machine.Configure(phase);
            state.Permit(ConversationTrigger.Pause, ConversationPhase.Paused)
                .Permit(ConversationTrigger.Complete, ConversationPhase.Completed)
                .Permit(ConversationTrigger.Cancel, ConversationPhase.Cancelled)
                .Permit(ConversationTrigger.Stuck, ConversationPhase.Cancelled)
                .Permit(ConversationTrigger.Unavailable, ConversationPhase.Cancelled);
            if (phase == ConversationPhase.Asking)
            {
                state.PermitReentry(ConversationTrigger.Restart);
            }
            else
            {
                state.Permit(ConversationTrigger.Restart, ConversationPhase.Asking);
            }
        }

        // A paused conversation keeps its mode: it resumes waiting for what it waited for.
        var paused = _machine.Configure(ConversationPhase.Paused);
        paused.PermitIf(ConversationTrigger.Resume, ConversationPhase.Asking, () => _conversation?.Mode == ConversationMode.Normal, "it was asking");
        paused.PermitIf(ConversationTrigger.Resume, ConversationPhase.Confirming, () => _conversation?.Mode == ConversationMode.Confirming, "it was confirming");
        paused.PermitIf(ConversationTrigger.Resume, ConversationPhase.Checking, () => _conversation?.Mode == ConversationMode.Checking, "it was checking");
        paused.PermitIf(ConversationTrigger.Resume, ConversationPhase.Editing, () => _conversation?.Mode == ConversationMode.Editing, "it was editing");
    }

    /// <summary>The configured states and transitions, for drawing: one description shared by every graph.</summary>
    public static StateMachineInfo Info { get; } = new ConversationMachine()._machine.GetInfo();

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

    /// <summary>Moves <paramref name="conversation"/> by <paramref name="trigger"/>; a trigger its phase does not permit throws.</summary>
    public void Fire(ConversationState conversation, ConversationTrigger trigger)
    {
        _conversation = conversation;
        try
        {
            _machine.Fire(trigger);
        }
        finally
        {
            _conversation = null;
        }
    }

    /// <summary>Back to what the conversation did before the offer or the check: editing from a review, or asking.</summary>
    private void ToBase(ConversationPhase phase, ConversationTrigger trigger) =>
        _machine.Configure(phase)
            .PermitIf(trigger, ConversationPhase.Editing, InReview, "editing from a review")
            .PermitIf(trigger, ConversationPhase.Asking, () => !InReview(), "otherwise");

    private bool InReview() => _conversation?.ReviewStepId is not null;

    private ConversationPhase Read() => _conversation is null ? ConversationPhase.Asking : PhaseOf(_conversation);

    /// <summary>
    /// Writes a phase into the conversation. Pausing and ending change the status only: the mode is kept, so a
    /// paused conversation resumes waiting for what it waited for.
    /// </summary>
    private void Write(ConversationPhase phase)
    {
        if (_conversation is not { } conversation)
        {
            return;
        }

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
