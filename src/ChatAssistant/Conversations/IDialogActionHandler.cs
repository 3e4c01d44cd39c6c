using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Conversations;

/// <summary>
/// One feature's <c>call</c> actions (privacy, training registration...). Every registered handler is
/// combined into the engine's one <see cref="IDialogActions"/> by <see cref="DialogActions"/>, so features add
/// actions without knowing each other. A handler runs on the writer thread, inside the message's transaction:
/// take the feature's own store (a singleton on the writer's <c>WriteSession</c>) by constructor injection and write through it.
/// </summary>
internal interface IDialogActionHandler
{
    IReadOnlySet<string> Names { get; }

    IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now);
}
