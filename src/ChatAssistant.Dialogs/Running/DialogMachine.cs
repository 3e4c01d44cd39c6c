using ChatAssistant.Dialogs.Conditions;
using Stateless;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// A Stateless machine configured once for a dialog and reused for many conversations. Its state lives in
/// the conversation record (Stateless's external-state constructor): the machine reads and writes
/// <see cref="ConversationState.StepId"/> of whichever conversation is bound to it for the moment. Configuring
/// a machine costs far more than firing one, so machines are pooled per dialog rather than built per message.
/// </summary>
internal sealed class DialogMachine
{
    private readonly CompiledDialog _dialog;
    private readonly StateMachine<int, DialogTrigger> _machine;
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

    public StateMachine<int, DialogTrigger> Machine => _machine;

    /// <summary>Moves the conversation along its first matching 'next' rule. False when no rule holds.</summary>
    public bool Advance(ConversationState conversation, IValueSource values)
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

    public void Jump(ConversationState conversation, int target)
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

    /// <summary>When no rule holds the machine stays where it is and the engine tells the owner; the validator warns about such steps.</summary>
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
