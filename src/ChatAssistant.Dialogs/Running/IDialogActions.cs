using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// The actions <c>call</c> steps run, provided by the host. An action runs on the message path inside the
/// message's transaction, so what it changes commits (or rolls back) together with the conversation.
/// </summary>
public interface IDialogActions
{
    /// <summary>The action names the host provides, so the loader can refuse a misspelt one.</summary>
    IReadOnlySet<string> Names { get; }

    /// <summary>Runs <paramref name="action"/> for this owner and returns the values to save, by answer key.</summary>
    IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now);
}
