namespace ChatAssistant.Channels.Telegram;

internal enum TelegramInboundKind
{
    /// <summary>Something for the conversation engine (text, a tap, a shared contact, a photo to politely refuse).</summary>
    Conversation,

    /// <summary>Nothing to answer (an edited message, an update type we do not use): only the position moves.</summary>
    Ignore,

    /// <summary>A command in a group chat: the assistant works in private chats and says so.</summary>
    GroupNote,

    /// <summary>The owner blocked the assistant.</summary>
    Blocked,

    /// <summary>The owner unblocked (or restarted) the assistant.</summary>
    Unblocked,

    /// <summary>A button tapped by someone other than the chat's owner: acknowledged, nothing changes.</summary>
    ForeignTap,

    /// <summary>Not a usable update (a message without a chat, a tap without its sender): kept as a dead letter.</summary>
    Malformed,
}
