using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Conversations;

/// <summary>An owner's session as loaded from the store, with the row id and address it belongs to.</summary>
internal sealed record StoredSession(long UserId, string Channel, string ChatId, UserSession Session);
