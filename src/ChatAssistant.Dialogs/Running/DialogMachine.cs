using ChatAssistant.Dialogs.Conditions;
using Stateless;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// The moves between a dialog's steps: along the first 'next' rule that holds, or a jump (back, restart).
/// Defined as a Stateless machine configured once per compiled dialog (<see cref="CompiledDialog.Machine"/>),
/// whose state lives in the conversation record (Stateless's external-state constructor: it reads and writes
/// <see cref="ConversationState.StepId"/> of the conversation bound for the moment). The engine moves a
/// conversation with <see cref="Advance"/> and <see cref="Jump"/>, which walk the same compiled arrays without
/// Stateless: its Fire allocates about 0.9 KB per transition (LINQ over its handlers, closures, boxed states),
/// paid on every step a message passes; tests hold the walk to the Stateless machine for every shipped dialog,
/// as <see cref="ConversationMachine"/> is held to its own.
/// </summary>
internal sealed class DialogMachine
{
    private readonly CompiledDialog _dialog;
    private readonly StateMachine<int, DialogTrigger> _machine;
    private readonly Lock _firing = new();
    private ConversationState? _conversation;
    private IValueSource? _values;
    private int _jumpTarget;
    private bool _stuck;

    public DialogMachine(CompiledDialog dialog)
    {
        _dialog = dialog;
        // Stateless reads the state once while it is being constructed, before any conversation is bound.
        _machine = new StateMachine<int, DialogTrigger>(
            () => _conversation is null ? _dialog.StartIndex : _dialog.IndexOf(_conversation.StepId),
            index =>
            {
                if (_conversation is { } conversation)
                {
                    conversation.StepId = _dialog.Steps[index].Id;
                }
            });

        for (var i = 0; i < dialog.Steps.Length; i++)
        {
            var step = dialog.Steps[i];
            var state = _machine.Configure(i);
            if (step.NextTargets.Length > 0)
            {
                state.PermitDynamic(DialogTrigger.Next, () => SelectNext(step));
            }

            state.PermitDynamic(DialogTrigger.Jump, () => _jumpTarget);
        }
    }

    /// <summary>The configured Stateless machine: the definition the walk is checked against.</summary>
    public StateMachine<int, DialogTrigger> Machine => _machine;

    /// <summary>
    /// Moves the conversation along its step's first matching 'next' rule. False when the step has no rules or
    /// none holds: the conversation stays where it is and the engine tells the owner (the validator warns about
    /// such steps). An unknown step counts as the start step, as in the Stateless machine's state accessor.
    /// </summary>
    public static bool Advance(CompiledDialog dialog, ConversationState conversation, IValueSource values)
    {
        var target = dialog.Steps[dialog.IndexOf(conversation.StepId)].SelectNext(values);
        if (target < 0)
        {
            return false;
        }

        conversation.StepId = dialog.Steps[target].Id;
        return true;
    }

    /// <summary>Puts the conversation at a step of its dialog, wherever it was.</summary>
    public static void Jump(CompiledDialog dialog, ConversationState conversation, int target) =>
        conversation.StepId = dialog.Steps[target].Id;

    /// <summary><see cref="Advance"/> through Stateless: the definition, for tests and the benchmarks that compare with it.</summary>
    public bool FireAdvance(ConversationState conversation, IValueSource values)
    {
        lock (_firing)
        {
            _conversation = conversation;
            _values = values;
            _stuck = false;
            try
            {
                if (_dialog.Steps[_dialog.IndexOf(conversation.StepId)].NextTargets.Length == 0)
                {
                    return false;
                }

                _machine.Fire(DialogTrigger.Next);
                return !_stuck;
            }
            finally
            {
                _conversation = null;
                _values = null;
            }
        }
    }

    /// <summary><see cref="Jump"/> through Stateless.</summary>
    public void FireJump(ConversationState conversation, int target)
    {
        lock (_firing)
        {
            _conversation = conversation;
            _jumpTarget = target;
            try
            {
                _machine.Fire(DialogTrigger.Jump);
            }
            finally
            {
                _conversation = null;
            }
        }
    }

    /// <summary>When no rule holds the machine stays where it is.</summary>
    private int SelectNext(CompiledStep step)
    {
        var target = _values is null ? -1 : step.SelectNext(_values);
        if (target >= 0)
        {
            return target;
        }

        _stuck = true;
        return step.Index;
    }
}
