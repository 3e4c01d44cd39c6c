namespace ChatAssistant.Dialogs.Testing;

public enum TurnAction
{
    /// <summary>The owner types a message.</summary>
    Send,

    /// <summary>The owner taps a button of the last reply, found by its label.</summary>
    Tap,
}
