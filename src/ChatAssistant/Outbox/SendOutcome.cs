namespace ChatAssistant.Outbox;

public enum SendOutcome
{
    /// <summary>Delivered to the channel.</summary>
    Sent,

    /// <summary>The channel asks us to slow down; everything pauses for <see cref="SendResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>A passing fault (5xx, network): try again later with backoff.</summary>
    Transient,

    /// <summary>The owner blocked the assistant: never retry, mark them unreachable.</summary>
    Blocked,

    /// <summary>The channel refused this message for good (e.g. the chat does not exist).</summary>
    Rejected,

    /// <summary>
    /// The channel takes free-form messages only within a window after the owner's last message (WhatsApp: 24 hours,
    /// error 131047) and it has closed: the message waits for the owner's next message, with the chat's later ones.
    /// </summary>
    OutsideWindow,
}
