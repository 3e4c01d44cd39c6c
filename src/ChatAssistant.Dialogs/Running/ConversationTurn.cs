using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// A turn bound to the owner's open conversation and the dialog version it runs on: what every handler that
/// works on a conversation takes, so that neither can be missing there. A struct over the thread's reused
/// <see cref="Running.Turn"/>: binding one allocates nothing. Made only by <see cref="Turn.Bind"/>.
/// </summary>
internal readonly struct ConversationTurn
{
    internal ConversationTurn(Turn turn, ConversationState conversation, CompiledDialog dialog)
    {
        Turn = turn;
        Conversation = conversation;
        Dialog = dialog;
    }

    public Turn Turn { get; }

    public ConversationState Conversation { get; }

    public CompiledDialog Dialog { get; }

    public string Language => Turn.Language;

    public DateTimeOffset Now => Turn.Now;

    public UserSession Session => Turn.Session;

    /// <summary>The step the conversation stands at.</summary>
    public CompiledStep Current => Dialog.Steps[Dialog.IndexOf(Conversation.StepId)];

    public CompiledStep StepOf(string stepId) => Dialog.Steps[Dialog.IndexOf(stepId)];

    /// <summary>Moves the conversation by a conversation-level trigger (confirming, checking, editing, paused...).</summary>
    public void Fire(ConversationTrigger trigger) => ConversationMachine.Fire(Conversation, trigger);

    public void MarkChanged() => Conversation.MarkChanged(Turn.Now);

    public StringBuilder Paragraph() => Turn.Paragraph();

    public void Say(string text) => Turn.Say(text);

    public void Say(LocalizedText text) => Turn.Say(text);

    public void SetButtons(IReadOnlyList<Button> buttons) => Turn.SetButtons(buttons);

    public StringBuilder Scratch() => Turn.Scratch();

    public DialogValue Get(string key) => Turn.Get(key);

    public void Set(string key, DialogValue value) => Turn.Set(key, value);

    public string Display(string key) => Turn.Display(key);

    /// <summary>The options of a question: the host's run-time list for this owner, or the file's fixed ones.</summary>
    public IReadOnlyList<ChoiceOption> OptionsOf(AskStep ask) =>
        ask.Input.OptionsSource is { } source ? Turn.Choices?.Options(source, Turn.Session) ?? [] : ask.Input.Options;
}
