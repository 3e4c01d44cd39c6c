using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>
/// One owner chatting with a real engine over a real catalog: sends text and taps buttons the way a channel
/// would, with a clock that moves a minute per message. No mocks; the session is the one the store would keep.
/// </summary>
internal sealed class Chat
{
    private readonly IChoiceSources? _choices;
    private readonly IDialogActions? _actions;
    private readonly bool _handoff;
    private ConversationEngine _engine;

    public Chat(DialogCatalog catalog, string language = Languages.Indonesian, IChoiceSources? choices = null, IDialogActions? actions = null, long ownerId = 0, DateTimeOffset? start = null, bool handoff = false)
    {
        Now = start ?? Now;
        _choices = choices;
        _actions = actions;
        _handoff = handoff;
        _engine = new ConversationEngine(catalog, choices, actions) { OffersHandoff = handoff };
        Session = new UserSession(language) { OwnerId = ownerId };
    }

    public UserSession Session { get; private set; }

    public DateTimeOffset Now { get; private set; } = new(2025, 3, 10, 9, 0, 0, TimeSpan.FromHours(7));

    public OutboundMessage Last { get; private set; } = OutboundMessage.Plain(string.Empty);

    public ConversationState? Active => Session.Active;

    /// <summary>The step the active conversation waits at.</summary>
    public string Step => Session.Active?.StepId ?? "(none)";

    public OutboundMessage Send(string text) => Receive(InboundMessage.FromText(text));

    public OutboundMessage Tap(string data) => Receive(InboundMessage.FromButton(data));

    /// <summary>Taps the button of the last reply that answers <paramref name="value"/>, as the channel sends it back.</summary>
    public OutboundMessage TapValue(string value)
    {
        var button = Last.Buttons.FirstOrDefault(b => ValueOf(b.Data) == value)
            ?? throw new InvalidOperationException($"no button for '{value}' under: {Last.Text} [{string.Join(", ", Last.Buttons.Select(b => b.Data))}]");
        return Receive(InboundMessage.FromButton(button.Data, button.Label));
    }

    /// <summary>The tap token the last reply's answer buttons carry.</summary>
    public string LastToken => Last.Buttons.Select(b => b.Data).First(d => !d.StartsWith('/')).Split('|')[0];

    /// <summary>The value part of a rendered answer button's data.</summary>
    public static string ValueOf(string data) => data[(data.IndexOf('|', StringComparison.Ordinal) + 1)..];

    /// <summary>Taps the button whose label is shown on the last reply, as an owner would.</summary>
    public OutboundMessage TapLabel(string label)
    {
        var button = Last.Buttons.FirstOrDefault(b => b.Label == label)
            ?? throw new InvalidOperationException($"no button '{label}' under: {Last.Text} [{string.Join(", ", Last.Buttons.Select(b => b.Label))}]");
        return Receive(InboundMessage.FromButton(button.Data, button.Label));
    }

    public OutboundMessage Receive(InboundMessage message)
    {
        Now = Now.AddMinutes(1);
        Last = _engine.Handle(Session, message, Now);
        return Last;
    }

    /// <summary>
    /// What a process restart does: the store commits, the engine and catalog are built anew, and the session
    /// is read back from its saved form (values through their storage text, finished conversations dropped).
    /// </summary>
    public void RestartProcess(DialogCatalog catalog)
    {
        Session.AcceptChanges();
        var reloaded = new UserSession(Session.Language) { OwnerId = Session.OwnerId };
        foreach (var (key, value) in Session.Profile)
        {
            reloaded.Profile[key] = Values.DialogValue.Deserialize(value.Serialize());
        }

        foreach (var saved in Session.Conversations)
        {
            var copy = new ConversationState(saved.DialogId, saved.DialogVersion, saved.StepId, saved.StartedAt)
            {
                Id = saved.Id,
                Status = saved.Status,
                Outcome = saved.Outcome,
                UpdatedAt = saved.UpdatedAt,
                Mode = saved.Mode,
                Check = saved.Check,
                ReviewStepId = saved.ReviewStepId,
                PagedStepId = saved.PagedStepId,
                Page = saved.Page,
                Render = saved.Render,
            };
            foreach (var (key, value) in saved.Answers)
            {
                copy.Answers[key] = Values.DialogValue.Deserialize(value.Serialize());
            }

            copy.History.AddRange(saved.History);
            reloaded.Conversations.Add(copy);
        }

        Session = reloaded;
        _engine = new ConversationEngine(catalog, _choices, _actions) { OffersHandoff = _handoff };
    }
}
