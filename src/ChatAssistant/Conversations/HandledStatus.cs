namespace ChatAssistant.Conversations;

internal enum HandledStatus
{
    /// <summary>Applied, and the reply is in the outbox.</summary>
    Answered,

    /// <summary>Already handled before (a redelivery): nothing changed.</summary>
    Duplicate,

    /// <summary>Handling failed; the owner got an apology and the message is not retried.</summary>
    Failed,

    /// <summary>Kept for the person the owner's conversation is handed to; the dialogs did not see it (the reply, if any, is a note).</summary>
    Forwarded,
}
