using System.Collections.Concurrent;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// Answers one inbound message for one owner. A pure function of (catalog, session, message, time): it changes
/// the session in memory and returns the reply; the caller persists both in one transaction.
/// The work is split by what the message is: <see cref="CommandHandler"/> (/start, /batal, /ulang, /bantuan,
/// a dialog's command, the menu), <see cref="AnswerHandler"/> (a tap or a typed answer, made one input before
/// any decision), <see cref="ReviewHandler"/> (the review and editing from it) and <see cref="StepRunner"/>
/// (automatic steps and transitions), all on a <see cref="ConversationTurn"/> bound here.
/// </summary>
public sealed class ConversationEngine(DialogCatalog catalog, IChoiceSources? choices = null, IDialogActions? actions = null)
{
    /// <summary>Longest message the engine reads; anything longer gets a polite refusal.</summary>
    public const int MaxTextLength = 1000;

    // Say and compute steps run without waiting; the validator refuses loops of them, this is the backstop.
    private const int MaxAutomaticSteps = 200;

    [ThreadStatic]
    private static Turn? _threadTurn;

    private readonly ConcurrentDictionary<string, CompiledDialog> _versions = Remember(catalog);
    private volatile DialogCatalog _catalog = catalog;

    /// <summary>
    /// The live dialogs, which new conversations start on. Replaced whole on reload; a turn in progress keeps
    /// the catalog it started with, and every version ever live stays known for the conversations pinned to it.
    /// </summary>
    public DialogCatalog Catalog
    {
        get => _catalog;
        set
        {
            foreach (var dialog in value.Dialogs)
            {
                _versions.TryAdd(dialog.Definition.ContentHash, dialog);
            }

            _catalog = value;
        }
    }

    /// <summary>
    /// Whether the host hands conversations to people (operators answering in the console): then /petugas (/human)
    /// asks for one, and an owner not understood twice in a row at one question is offered one.
    /// </summary>
    public bool OffersHandoff { get; init; }

    /// <summary>The run-time lists the host provides, for compiling a dialog version read back from the store.</summary>
    public IReadOnlySet<string>? ChoiceSourceNames => choices?.Names;

    /// <summary>The actions the host provides, for compiling a dialog version read back from the store.</summary>
    public IReadOnlySet<string>? ActionNames => actions?.Names;

    /// <summary>Makes an older version known again (after a restart, read back from the store by its hash).</summary>
    public void Pin(CompiledDialog dialog) => _versions.TryAdd(dialog.Definition.ContentHash, dialog);

    /// <summary>Whether the version with this content hash is known; the host pins unknown ones before the turn.</summary>
    public bool Knows(string contentHash) => _versions.ContainsKey(contentHash);

    private static ConcurrentDictionary<string, CompiledDialog> Remember(DialogCatalog catalog) =>
        new(catalog.Dialogs.Select(d => KeyValuePair.Create(d.Definition.ContentHash, d)), StringComparer.Ordinal);

    public OutboundMessage Handle(UserSession session, InboundMessage message, DateTimeOffset now)
    {
        var turn = _threadTurn ??= new Turn();
        turn.Begin(session, _catalog, _versions, choices, actions, now);
        turn.SenderPhone = message.SenderPhone is { } phone && Inputs.PhoneParser.TryParse(phone, out var e164) ? e164 : null;
        turn.OffersHandoff = OffersHandoff;
        try
        {
            Dispatch(turn, message);
            return turn.Finish();
        }
        finally
        {
            turn.End();
        }
    }

    /// <summary>The question the owner is at, shown again (e.g. when a terminal chat is reopened); null with no conversation.</summary>
    public OutboundMessage? CurrentQuestion(UserSession session)
    {
        if (session.Active is null)
        {
            return null;
        }

        var turn = _threadTurn ??= new Turn();
        turn.Begin(session, _catalog, _versions, choices, actions, DateTimeOffset.UnixEpoch);
        try
        {
            if (TryBind(turn, out var bound))
            {
                turn.Say(SystemTexts.Resumed(turn.Language, bound.Dialog.Definition.Title.Plain(turn.Language)));
            }

            Prompts.ShowCurrent(turn);
            return turn.Finish();
        }
        finally
        {
            turn.End();
        }
    }

    private static void Dispatch(Turn turn, InboundMessage message)
    {
        switch (message.Kind)
        {
            case InboundKind.Unsupported:
                turn.Say(SystemTexts.NotText(turn.Language));
                Prompts.ShowCurrent(turn);
                return;

            case InboundKind.Button when message.ButtonData is { Length: > 0 } data:
                if (data[0] == '/')
                {
                    CommandHandler.Handle(turn, data);
                }
                else
                {
                    AnswerHandler.HandleTap(turn, data);
                }

                return;
        }

        var text = InputText.Normalize(message.Text);
        if (text.Length == 0)
        {
            turn.Say(SystemTexts.Empty(turn.Language));
            Prompts.ShowCurrent(turn);
        }
        else if (text.Length > MaxTextLength)
        {
            turn.Say(SystemTexts.TooLong(turn.Language, MaxTextLength));
            Prompts.ShowCurrent(turn);
        }
        else if (text[0] == '/')
        {
            CommandHandler.Handle(turn, text);
        }
        else if (SystemCommands.IsOptOutWord(text) && !IsAnswerHere(turn, text) && turn.Catalog.FindByCommand(SystemCommands.OptOutCommand) is not null)
        {
            CommandHandler.Handle(turn, SystemCommands.OptOutCommand);
        }
        else if (TryBind(turn, out var bound))
        {
            if (turn.StartedOver)
            {
                Prompts.ShowCurrent(turn);
            }
            else
            {
                AnswerHandler.HandleTyped(bound, text);
            }
        }
        else
        {
            CommandHandler.HandleMenuChoice(turn, text);
        }
    }

    /// <summary>
    /// Whether the owner's current question would take <paramref name="text"/> as its answer: a free-text question
    /// (the reason a business stopped may well be "berhenti"), or a button with that label. There the word is the
    /// answer; anywhere else (no conversation, a number, a date, yes or no) it can only mean "stop the messages", and
    /// is read as /berhenti. Only looks: binding happens after, on whichever path the message takes.
    /// </summary>
    private static bool IsAnswerHere(Turn turn, string text)
    {
        if (turn.Session.Active is not { } active)
        {
            return false;
        }

        var dialog = active.DialogHash is { } hash && turn.Versions.TryGetValue(hash, out var pinned) ? pinned : turn.Catalog.Find(active.DialogId);
        if (dialog is null || !dialog.HasStep(active.StepId))
        {
            return false;
        }

        var step = dialog.Steps[dialog.IndexOf(active.StepId)];
        var word = text.AsSpan().Trim().TrimEnd(".!").TrimEnd().ToString();
        return step.Definition is AskStep { Input.Kind: InputKind.Text }
            || ButtonMatcher.Match(text, step.Buttons(turn.Language), numbers: false) >= 0
            || (step.Definition is AskStep { Input.Kind: InputKind.Choice } ask
                && ask.Input.Options.Any(o => o.Synonyms.Contains(word, StringComparer.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// Binds the turn to the owner's active conversation and its dialog. A conversation whose dialog is no
    /// longer live is closed with an explanation rather than left to fail on every message.
    /// </summary>
    internal static bool TryBind(Turn turn, out ConversationTurn bound)
    {
        bound = default;
        var active = turn.Session.Active;
        if (active is null)
        {
            turn.Unbind();
            return false;
        }

        // A conversation runs on the version it started on; only without a known version does it take the live one.
        var dialog = active.DialogHash is { } hash && turn.Versions.TryGetValue(hash, out var pinned)
            ? pinned
            : turn.Catalog.Find(active.DialogId);
        if (dialog is { Definition.Audience: DialogAudience.Operators } && !turn.Session.IsOperator)
        {
            // No longer an operator (removed from the configuration): the conversation is left as it is, but
            // not continued; for this person it does not exist, as its command does not.
            turn.Unbind();
            return false;
        }

        if (dialog is null)
        {
            ConversationMachine.Fire(active, ConversationTrigger.Unavailable);
            active.Outcome = "unavailable";
            active.MarkChanged(turn.Now);
            turn.Say(SystemTexts.Unavailable(turn.Language));
            turn.Unbind();
            return false;
        }

        if (!dialog.HasStep(active.StepId))
        {
            // The step was removed in a newer version of the file and the old version is gone: start that dialog
            // again rather than guess, and say so; the message that arrived was meant for the old question.
            ConversationMachine.Fire(active, ConversationTrigger.Restart);
            active.ClearAnswers();
            active.DialogVersion = dialog.Version;
            active.DialogHash = dialog.Definition.ContentHash;
            active.StepId = dialog.Steps[dialog.StartIndex].Id;
            active.MarkChanged(turn.Now);
            turn.Say(SystemTexts.DialogChanged(turn.Language, dialog.Definition.Title.Plain(turn.Language)));
            turn.StartedOver = true;
        }

        bound = turn.Bind(active, dialog);
        return true;
    }
}
