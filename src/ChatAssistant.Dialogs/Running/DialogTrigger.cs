namespace ChatAssistant.Dialogs.Running;

/// <summary>The triggers of a dialog's state machine.</summary>
internal enum DialogTrigger
{
    /// <summary>The step is done: go where its first matching 'next' rule says.</summary>
    Next,

    /// <summary>Go to a step chosen by the engine: back, restart, or a resumed step.</summary>
    Jump,
}
