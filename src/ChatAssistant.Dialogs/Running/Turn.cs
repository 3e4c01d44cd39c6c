using System.Text;
using ChatAssistant.Dialogs.Conditions;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// The working state of one turn: the session it answers, and the reply being written. One instance per
/// thread is reused across turns so that answering a message allocates little beyond the reply itself.
/// It is also the value source for conditions and placeholders, which read answers first, then the profile.
/// </summary>
internal sealed class Turn : IValueSource, IPlaceholderResolver
{
    private const string ProfilePrefix = "profile.";
    private const int MaxLabelDepth = 3;

    private readonly StringBuilder _text = new(512);
    private readonly StringBuilder _scratch = new(128);
    private IReadOnlyList<Button> _buttons = [];
    private int _labelDepth;

    private UserSession? _session;
    private DialogCatalog? _catalog;
    private IReadOnlyDictionary<string, CompiledDialog>? _versions;

    /// <summary>The owner's session; set for the whole of a turn (between <see cref="Begin"/> and <see cref="End"/>).</summary>
    public UserSession Session => _session ?? throw new InvalidOperationException("No turn in progress.");

    public DialogCatalog Catalog => _catalog ?? throw new InvalidOperationException("No turn in progress.");

    public DateTimeOffset Now { get; private set; }

    public string Language => Session.Language;

    /// <summary>
    /// The conversation whose answers conditions and placeholders read, and its dialog: set by <see cref="Bind"/>,
    /// null while no conversation is bound (the menu). Handlers work on the <see cref="ConversationTurn"/> Bind
    /// returns, whose conversation and dialog are never null.
    /// </summary>
    public ConversationState? Conversation { get; private set; }

    public CompiledDialog? Dialog { get; private set; }

    /// <summary>The conversation had to start over this turn (its dialog changed under it); the message is not an answer.</summary>
    public bool StartedOver { get; set; }

    /// <summary>The buttons shown are more of the last rendering (another page of a list), not a new one.</summary>
    public bool SameRendering { get; set; }

    /// <summary>
    /// The number the owner is chatting from (E.164), when the channel gave one with this message and it is an
    /// Indonesian mobile a phone question accepts; never stored by the turn itself.
    /// </summary>
    public string? SenderPhone { get; set; }

    /// <summary>Whether the host has people to hand a conversation to: /petugas works and is offered.</summary>
    public bool OffersHandoff { get; set; }

    /// <summary>The host's run-time lists for <c>options_from</c> questions, if it has any.</summary>
    public IChoiceSources? Choices { get; private set; }

    /// <summary>Every dialog version this process knows, by content hash, for conversations pinned to one.</summary>
    public IReadOnlyDictionary<string, CompiledDialog> Versions => _versions ?? throw new InvalidOperationException("No turn in progress.");

    /// <summary>The host's actions for <c>call</c> steps, if it has any.</summary>
    public IDialogActions? Actions { get; private set; }

    public void Begin(UserSession session, DialogCatalog catalog, IReadOnlyDictionary<string, CompiledDialog> versions, IChoiceSources? choices, IDialogActions? actions, DateTimeOffset now)
    {
        Actions = actions;
        _session = session;
        _versions = versions;
        Choices = choices;
        _catalog = catalog;
        Now = now;
        Conversation = null;
        Dialog = null;
        StartedOver = false;
        SameRendering = false;
        SenderPhone = null;
        OffersHandoff = false;
        _text.Clear();
        _buttons = [];
    }

    /// <summary>Binds a conversation and the dialog it runs on to this turn: a value, so binding allocates nothing.</summary>
    public ConversationTurn Bind(ConversationState conversation, CompiledDialog dialog)
    {
        Conversation = conversation;
        Dialog = dialog;
        return new ConversationTurn(this, conversation, dialog);
    }

    /// <summary>No conversation is bound any more (it was paused, or none is open).</summary>
    public void Unbind()
    {
        Conversation = null;
        Dialog = null;
    }

    public OutboundMessage Finish() => new(_text.ToString(), Stamp(_buttons));

    /// <summary>
    /// Answer buttons leave the engine carrying a token for this rendering of the active conversation's question
    /// instead of their step id; command buttons are left as they are. A new array: compiled ones are shared.
    /// </summary>
    private IReadOnlyList<Button> Stamp(IReadOnlyList<Button> buttons)
    {
        Button[]? stamped = null;
        Span<char> token = stackalloc char[ButtonData.TokenLength];
        var tokenStep = ReadOnlySpan<char>.Empty;
        var hasToken = false;
        for (var i = 0; i < buttons.Count; i++)
        {
            var button = buttons[i];
            if (button.Data.StartsWith('/') || !ButtonData.TryParseAnswer(button.Data, out var step, out var value)
                || Session.Active is not { } active)
            {
                continue;
            }

            if (stamped is null)
            {
                stamped = [.. buttons];
                if (!SameRendering || active.Render == 0)
                {
                    active.CountRender();
                }
            }

            if (!hasToken || !step.SequenceEqual(tokenStep))
            {
                WriteToken(token, active, step);
                tokenStep = step;
                hasToken = true;
            }

            stamped[i] = button with { Data = ButtonData.ForTap(token, value) };
        }

        return stamped ?? buttons;
    }

    private void WriteToken(Span<char> token, ConversationState conversation, ReadOnlySpan<char> stepId) =>
        ButtonData.WriteToken(token, Session.OwnerId, conversation.DialogId, conversation.StartedAt, stepId, conversation.Render);

    /// <summary>
    /// Whether a tap's token is the one of the latest rendering of the conversation's current question. Anything
    /// else (an older message, a replay after the answer was taken, a forged or another owner's token) is not.
    /// </summary>
    public bool IsCurrentTap(ConversationState conversation, ReadOnlySpan<char> token)
    {
        if (token.Length != ButtonData.TokenLength || conversation.Render == 0)
        {
            return false;
        }

        Span<char> current = stackalloc char[ButtonData.TokenLength];
        WriteToken(current, conversation, conversation.StepId);
        return token.SequenceEqual(current);
    }

    public void End()
    {
        _session = null;
        _catalog = null;
        _versions = null;
        Conversation = null;
        Dialog = null;
        if (_text.Capacity > 16 * 1024)
        {
            _text.Capacity = 512;
        }
    }

    /// <summary>Starts a new paragraph of the reply; consecutive texts in one turn become one message.</summary>
    public StringBuilder Paragraph()
    {
        if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        return _text;
    }

    public void Say(string text) => Paragraph().Append(text);

    public void Say(LocalizedText text) => text.AppendTo(Paragraph(), Language, this);

    public void SetButtons(IReadOnlyList<Button> buttons) => _buttons = buttons;

    /// <summary>A cleared builder for building a value (e.g. a collected list), reused across turns.</summary>
    public StringBuilder Scratch() => _scratch.Clear();

    public DialogValue Get(string key)
    {
        if (key.StartsWith(ProfilePrefix, StringComparison.Ordinal))
        {
            var lookup = Session.Profile.GetAlternateLookup<ReadOnlySpan<char>>();
            return lookup.TryGetValue(key.AsSpan(ProfilePrefix.Length), out var profileValue) ? profileValue : DialogValue.None;
        }

        if (Conversation is not null && Conversation.Answers.TryGetValue(key, out var value))
        {
            return value;
        }

        return Session.Profile.TryGetValue(key, out var known) ? known : DialogValue.None;
    }

    /// <summary>Saves an answer: <c>profile.x</c> keys go to the owner's profile, shared by every dialog.</summary>
    public void Set(string key, DialogValue value)
    {
        if (key.StartsWith(ProfilePrefix, StringComparison.Ordinal))
        {
            Session.SetProfile(key[ProfilePrefix.Length..], value);
            Conversation?.MarkChanged(Now);
        }
        else
        {
            Conversation?.SetAnswer(key, value);
        }
    }

    public void AppendValue(StringBuilder target, string name)
    {
        var value = Get(name);
        if (value.Kind == ValueKind.Text && Dialog is not null && Dialog.PersonalKeys.Contains(name))
        {
            target.Append(Inputs.PersonalData.Mask(value.Text!));
            return;
        }

        if (value.Kind == ValueKind.Text && Dialog is not null && Dialog.ValueLabels.TryGetValue(value.Text!, out var label) && _labelDepth < MaxLabelDepth)
        {
            AppendLabel(target, label);
        }
        else if (value.Kind == ValueKind.List)
        {
            AppendList(target, value.Text!);
        }
        else if (value.IsSet)
        {
            target.Append(value.Display(Language));
        }
        else if (Dialog is not null && Dialog.ValueLabels.TryGetValue(name, out var constant) && _labelDepth < MaxLabelDepth)
        {
            // A label used by name works as a reusable snippet of text.
            AppendLabel(target, constant);
        }
        else
        {
            target.Append('-');
        }
    }

    public string Display(string key)
    {
        var value = Get(key);
        if (!value.IsSet)
        {
            return SystemTexts.NotAnswered(Language);
        }

        // Repeated back in a review or a "still right?" prompt, a NIK or phone is masked: phones are shared, and
        // every reply is kept in the outbox.
        if (value.Kind == ValueKind.Text && Dialog is not null && Dialog.PersonalKeys.Contains(key))
        {
            return Inputs.PersonalData.Mask(value.Text!);
        }

        if (value.Kind == ValueKind.Text && Dialog is not null && Dialog.ValueLabels.TryGetValue(value.Text!, out var label))
        {
            return label.Plain(Language);
        }

        return value.Display(Language);
    }

    /// <summary>A list reads one numbered line per key, each by its label ("1. Urus NIB ..."): no split, no copies.</summary>
    private void AppendList(StringBuilder target, string keys)
    {
        var lookup = Dialog?.ValueLabels.GetAlternateLookup<ReadOnlySpan<char>>();
        var number = 0;
        foreach (var range in keys.AsSpan().Split(' '))
        {
            var key = keys.AsSpan(range);
            if (key.IsEmpty)
            {
                continue;
            }

            if (number++ > 0)
            {
                target.Append('\n');
            }

            target.Append(number).Append(". ");
            if (lookup is { } labels && labels.TryGetValue(key, out var label) && _labelDepth < MaxLabelDepth)
            {
                AppendLabel(target, label);
            }
            else
            {
                target.Append(key);
            }
        }
    }

    private void AppendLabel(StringBuilder target, LocalizedText label)
    {
        _labelDepth++;
        try
        {
            label.AppendTo(target, Language, this);
        }
        finally
        {
            _labelDepth--;
        }
    }
}
