namespace ChatAssistant.Dialogs.Running;

/// <summary>What the conversation is waiting for, beyond "the answer to the current question".</summary>
public enum ConversationMode
{
    Normal,

    /// <summary>A known profile value was offered; waiting for "still right" or "change".</summary>
    Confirming,

    /// <summary>An answer is being changed from a review: answers that still apply are kept, until the review comes back.</summary>
    Editing,

    /// <summary>
    /// An answer was said back before storing (see <see cref="ConversationState.Check"/>); waiting for yes or no.
    /// The answer waits under <see cref="ConversationState.PendingKey"/>.
    /// </summary>
    Checking,
}
