using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Storage;

namespace ChatAssistant.Conversations;

/// <summary>
/// Conversations handed to a person (the Handoff feature). The writer asks it, in the message's transaction and on
/// its session, whether an owner's message goes to a person instead of the dialogs, and tells it when the engine
/// took a request for one. Conversations defines it so that it does not depend on the feature.
/// </summary>
internal interface IHandoffRouting : IWriteStore
{
    /// <summary>
    /// Where the owner's message goes. With an open request: <see cref="HandoffRoute.Person"/>, the message kept in its
    /// transcript for the operator, with the one automatic reply the owner gets (outside working hours, once: when
    /// someone will answer) or null; or <see cref="HandoffRoute.Withdrawn"/> when the owner cancelled a request nobody
    /// had taken yet (/batal), with what to tell them. <see cref="HandoffRoute.Dialogs"/>: the dialogs handle it.
    /// </summary>
    HandoffRoute Route(long userId, string channel, string chatId, InboundMessage message, string language, DateTimeOffset now, out OutboundMessage? note);

    /// <summary>Opens a request for the owner (nothing when one is open); returns what to add to the reply (outside working hours), or null.</summary>
    string? Open(long userId, string channel, string chatId, string language, DateTimeOffset now);
}

/// <summary>Where an owner's message went while they may have a request for a person open.</summary>
internal enum HandoffRoute
{
    /// <summary>No request open: the dialogs handle the message.</summary>
    Dialogs,

    /// <summary>Kept for the person the conversation is handed to; the dialogs did not see it.</summary>
    Person,

    /// <summary>The owner cancelled their request before anyone took it; they are back with the assistant, at their question.</summary>
    Withdrawn,
}
