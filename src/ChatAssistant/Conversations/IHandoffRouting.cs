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
    /// While the owner has an open request: keeps the message in its transcript for the operator and returns true,
    /// with the one automatic reply the owner gets (outside working hours, once: when someone will answer), or null.
    /// False: the dialogs handle the message.
    /// </summary>
    bool TryForward(long userId, string channel, string chatId, InboundMessage message, string language, DateTimeOffset now, out OutboundMessage? note);

    /// <summary>Opens a request for the owner (nothing when one is open); returns what to add to the reply (outside working hours), or null.</summary>
    string? Open(long userId, string channel, string chatId, string language, DateTimeOffset now);
}
