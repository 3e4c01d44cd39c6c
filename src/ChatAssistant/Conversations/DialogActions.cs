using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Conversations;

/// <summary>The engine's actions: every registered <see cref="IDialogActionHandler"/>, each action name owned by exactly one.</summary>
internal sealed class DialogActions : IDialogActions
{
    private readonly Dictionary<string, IDialogActionHandler> _byName = new(StringComparer.Ordinal);

    public DialogActions(IEnumerable<IDialogActionHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        foreach (var handler in handlers)
        {
            foreach (var name in handler.Names)
            {
                // Two features claiming one name is a wiring mistake: fail at start-up, not on an owner's message.
                if (!_byName.TryAdd(name, handler))
                {
                    throw new InvalidOperationException($"The dialog action '{name}' is provided by both {_byName[name].GetType().Name} and {handler.GetType().Name}.");
                }
            }
        }

        Names = _byName.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> Names { get; }

    public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now) =>
        _byName.TryGetValue(action, out var handler)
            ? handler.Run(action, session, conversation, now)
            : throw new ArgumentException($"No handler provides the dialog action '{action}'.", nameof(action));
}
