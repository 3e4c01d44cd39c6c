using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// Answers one inbound message for one owner: global commands, starting and resuming dialogs, reading and
/// checking answers, and moving the dialog's state machine on. A pure function of (catalog, session, message,
/// time): it changes the session in memory and returns the reply; the caller persists both in one transaction.
/// </summary>
public sealed class ConversationEngine(DialogCatalog catalog)
{
    /// <summary>Longest message the engine reads; anything longer gets a polite refusal.</summary>
    public const int MaxTextLength = 1000;

    // Say and compute steps run without waiting; the validator refuses loops of them, this is the backstop.
    private const int MaxAutomaticSteps = 200;

    [ThreadStatic]
    private static Turn? t_turn;

    private volatile DialogCatalog _catalog = catalog;

    /// <summary>The live dialogs. Replaced whole on reload; a turn in progress keeps the catalog it started with.</summary>
    public DialogCatalog Catalog
    {
        get => _catalog;
        set => _catalog = value;
    }

    public OutboundMessage Handle(UserSession session, InboundMessage message, DateTimeOffset now)
    {
        var turn = t_turn ??= new Turn();
        turn.Begin(session, _catalog, now);
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

        var turn = t_turn ??= new Turn();
        turn.Begin(session, _catalog, DateTimeOffset.UnixEpoch);
        try
        {
            if (Bind(turn))
            {
                turn.Say(SystemTexts.Resumed(turn.Language, turn.Dialog!.Definition.Title.Plain(turn.Language)));
            }

            ShowCurrent(turn);
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
                ShowCurrent(turn);
                return;

            case InboundKind.Button when message.ButtonData is { Length: > 0 } data:
                if (data[0] == '/')
                {
                    HandleCommand(turn, data);
                }
                else
                {
                    HandleButton(turn, data);
                }

                return;
        }

        var text = InputText.Normalize(message.Text);
        if (text.Length == 0)
        {
            turn.Say(SystemTexts.Empty(turn.Language));
            ShowCurrent(turn);
        }
        else if (text.Length > MaxTextLength)
        {
            turn.Say(SystemTexts.TooLong(turn.Language, MaxTextLength));
            ShowCurrent(turn);
        }
        else if (text[0] == '/')
        {
            HandleCommand(turn, text);
        }
        else if (Bind(turn))
        {
            HandleAnswer(turn, text);
        }
        else
        {
            HandleMenuChoice(turn, text);
        }
    }

    private static void HandleCommand(Turn turn, string text)
    {
        var span = text.AsSpan();
        var space = span.IndexOfAny(' ', '\n');
        var command = space < 0 ? span : span[..space];
        var argument = space < 0 ? [] : span[(space + 1)..].Trim();
        var at = command.IndexOf('@');
        if (at > 0)
        {
            command = command[..at]; // "/start@SomeBot", as Telegram sends commands in menus and groups
        }

        switch (SystemCommands.Parse(command))
        {
            case SystemCommand.Menu:
                PauseActive(turn);
                ShowMenu(turn, SystemTexts.Greeting(turn.Language));
                return;

            case SystemCommand.Cancel:
                Cancel(turn);
                return;

            case SystemCommand.Back:
                GoBack(turn);
                return;

            case SystemCommand.Restart:
                Restart(turn);
                return;

            case SystemCommand.Language:
                var language = Languages.Normalize(argument.ToString())
                    ?? (turn.Language == Languages.English ? Languages.Indonesian : Languages.English);
                turn.Session.SetLanguage(language);
                turn.Say(SystemTexts.LanguageChanged(turn.Language));
                ShowCurrent(turn);
                return;

            case SystemCommand.Help:
                turn.Say(SystemTexts.Help(turn.Language));
                ShowCurrent(turn);
                return;
        }

        if (turn.Catalog.FindByCommand(command) is { } dialog)
        {
            StartOrResume(turn, dialog);
            return;
        }

        turn.Say(SystemTexts.UnknownCommand(turn.Language, command.Length > 40 ? command[..40].ToString() + "…" : command.ToString()));
        ShowCurrent(turn);
    }

    private static void HandleMenuChoice(Turn turn, string text)
    {
        // The numbers and titles the owner sees: dialogs without a command are not in the menu.
        var dialogs = turn.Catalog.MenuDialogs;
        if (int.TryParse(text, out var number) && number >= 1 && number <= dialogs.Count)
        {
            StartOrResume(turn, dialogs[number - 1]);
            return;
        }

        foreach (var dialog in dialogs)
        {
            foreach (var language in Languages.All)
            {
                if (string.Equals(dialog.Definition.Title.Plain(language), text, StringComparison.OrdinalIgnoreCase))
                {
                    StartOrResume(turn, dialog);
                    return;
                }
            }
        }

        ShowMenu(turn, SystemTexts.Greeting(turn.Language));
    }

    private static void HandleAnswer(Turn turn, string text)
    {
        var dialog = turn.Dialog!;
        var conversation = turn.Conversation!;
        if (dialog.Steps[dialog.IndexOf(conversation.StepId)].Definition is not AskStep ask)
        {
            Run(turn);
            return;
        }

        if (!InputReader.TryRead(ask, text, out var value))
        {
            Reprompt(turn, ask);
            return;
        }

        Accept(turn, ask, value);
    }

    private static void HandleButton(Turn turn, string data)
    {
        if (!Bind(turn) || !ButtonData.TryParseAnswer(data, out var stepId, out var value) || !stepId.SequenceEqual(turn.Conversation!.StepId)
            || turn.Dialog!.Steps[turn.Dialog.IndexOf(turn.Conversation.StepId)].Definition is not AskStep ask)
        {
            turn.Say(SystemTexts.Stale(turn.Language));
            ShowCurrent(turn);
            return;
        }

        if (!InputReader.TryReadButton(ask, value, out var answer))
        {
            Reprompt(turn, ask);
            return;
        }

        Accept(turn, ask, answer);
    }

    private static void Reprompt(Turn turn, AskStep ask)
    {
        if (ask.Input.Reprompt is { } reprompt)
        {
            turn.Say(reprompt);
        }
        else
        {
            turn.Say(SystemTexts.Reprompt(turn.Language, ask.Input));
        }

        ShowQuestion(turn, turn.Dialog!, ask);
    }

    private static void Accept(Turn turn, AskStep ask, DialogValue value)
    {
        var conversation = turn.Conversation!;
        turn.Set(ask.SaveAs, value);
        conversation.History.Add(ask.Id);
        conversation.MarkChanged(turn.Now);
        var machine = turn.Dialog!.RentMachine();
        try
        {
            if (!machine.Advance(conversation, turn))
            {
                Stuck(turn);
                return;
            }
        }
        finally
        {
            turn.Dialog.ReturnMachine(machine);
        }

        Run(turn);
    }

    /// <summary>Runs say and compute steps from the current step until a question or an end.</summary>
    private static void Run(Turn turn)
    {
        var dialog = turn.Dialog!;
        var conversation = turn.Conversation!;
        var machine = dialog.RentMachine();
        try
        {
            for (var i = 0; i < MaxAutomaticSteps; i++)
            {
                switch (dialog.Steps[dialog.IndexOf(conversation.StepId)].Definition)
                {
                    case AskStep ask:
                        ShowQuestion(turn, dialog, ask);
                        return;

                    case EndStep end:
                        turn.Say(end.Text);
                        turn.Say(SystemTexts.Finished(turn.Language));
                        conversation.Status = ConversationStatus.Completed;
                        conversation.Outcome = end.Outcome;
                        conversation.MarkChanged(turn.Now);
                        turn.SetButtons(MenuButtons(turn));
                        return;

                    case SayStep say:
                        turn.Say(say.Text);
                        break;

                    case ComputeStep compute:
                        foreach (var row in compute.Cases)
                        {
                            if (row.When is null || row.When.Evaluate(turn))
                            {
                                turn.Set(compute.Set, row.Value);
                                break;
                            }
                        }

                        break;
                }

                if (!machine.Advance(conversation, turn))
                {
                    Stuck(turn);
                    return;
                }
            }

            Stuck(turn);
        }
        finally
        {
            dialog.ReturnMachine(machine);
        }
    }

    private static void StartOrResume(Turn turn, CompiledDialog dialog)
    {
        var title = dialog.Definition.Title.Plain(turn.Language);
        if (Bind(turn) && turn.Conversation!.DialogId == dialog.Id)
        {
            turn.Say(SystemTexts.Resumed(turn.Language, title));
            ShowCurrent(turn);
            return;
        }

        PauseActive(turn);
        var paused = turn.Session.Paused(dialog.Id);
        if (paused is not null)
        {
            paused.Status = ConversationStatus.Active;
            paused.MarkChanged(turn.Now);
            if (Bind(turn))
            {
                turn.Say(SystemTexts.Resumed(turn.Language, title));
                ShowCurrent(turn);
                return;
            }
        }

        var conversation = new ConversationState(dialog.Id, dialog.Version, dialog.Steps[dialog.StartIndex].Id, turn.Now);
        conversation.MarkChanged(turn.Now);
        turn.Session.Conversations.Add(conversation);
        turn.Conversation = conversation;
        turn.Dialog = dialog;
        Run(turn);
    }

    private static void Cancel(Turn turn)
    {
        if (!Bind(turn))
        {
            turn.Say(SystemTexts.NothingToCancel(turn.Language));
            ShowMenu(turn, null);
            return;
        }

        var conversation = turn.Conversation!;
        conversation.Status = ConversationStatus.Cancelled;
        conversation.MarkChanged(turn.Now);
        turn.Say(SystemTexts.Cancelled(turn.Language, turn.Dialog!.Definition.Title.Plain(turn.Language)));
        turn.SetButtons(MenuButtons(turn));
    }

    private static void GoBack(Turn turn)
    {
        if (!Bind(turn))
        {
            turn.Say(SystemTexts.NothingToCancel(turn.Language));
            ShowMenu(turn, null);
            return;
        }

        var conversation = turn.Conversation!;
        var dialog = turn.Dialog!;
        if (conversation.History.Count == 0)
        {
            turn.Say(SystemTexts.NothingToGoBackTo(turn.Language));
            ShowCurrent(turn);
            return;
        }

        var previous = conversation.History[^1];
        conversation.History.RemoveAt(conversation.History.Count - 1);
        Jump(dialog, conversation, dialog.IndexOf(previous));
        conversation.MarkChanged(turn.Now);
        if (dialog.Steps[dialog.IndexOf(previous)].Definition is AskStep ask)
        {
            turn.Say(SystemTexts.WentBack(turn.Language, turn.Display(ask.SaveAs)));
        }

        ShowCurrent(turn);
    }

    private static void Restart(Turn turn)
    {
        if (!Bind(turn))
        {
            ShowMenu(turn, SystemTexts.Greeting(turn.Language));
            return;
        }

        var conversation = turn.Conversation!;
        var dialog = turn.Dialog!;
        conversation.ClearAnswers();
        conversation.DialogVersion = dialog.Version;
        Jump(dialog, conversation, dialog.StartIndex);
        conversation.MarkChanged(turn.Now);
        turn.Say(SystemTexts.Restarted(turn.Language, dialog.Definition.Title.Plain(turn.Language)));
        Run(turn);
    }

    private static void Jump(CompiledDialog dialog, ConversationState conversation, int target)
    {
        var machine = dialog.RentMachine();
        try
        {
            machine.Jump(conversation, target);
        }
        finally
        {
            dialog.ReturnMachine(machine);
        }
    }

    private static void Stuck(Turn turn)
    {
        var conversation = turn.Conversation!;
        conversation.Status = ConversationStatus.Cancelled;
        conversation.Outcome = "stuck";
        conversation.MarkChanged(turn.Now);
        turn.Say(SystemTexts.Stuck(turn.Language));
        turn.SetButtons(MenuButtons(turn));
    }

    private static void PauseActive(Turn turn)
    {
        if (turn.Session.Active is { } active)
        {
            active.Status = ConversationStatus.Paused;
            active.MarkChanged(turn.Now);
        }

        turn.Conversation = null;
        turn.Dialog = null;
    }

    /// <summary>
    /// Points the turn at the owner's active conversation and its dialog. A conversation whose dialog is no
    /// longer live is closed with an explanation rather than left to fail on every message.
    /// </summary>
    private static bool Bind(Turn turn)
    {
        var active = turn.Session.Active;
        if (active is null)
        {
            turn.Conversation = null;
            turn.Dialog = null;
            return false;
        }

        var dialog = turn.Catalog.Find(active.DialogId, active.DialogVersion);
        if (dialog is null)
        {
            active.Status = ConversationStatus.Cancelled;
            active.Outcome = "unavailable";
            active.MarkChanged(turn.Now);
            turn.Say(SystemTexts.Unavailable(turn.Language));
            turn.Conversation = null;
            turn.Dialog = null;
            return false;
        }

        if (!dialog.HasStep(active.StepId))
        {
            // The step was removed in a newer version of the file: start that dialog again rather than guess.
            active.ClearAnswers();
            active.DialogVersion = dialog.Version;
            active.StepId = dialog.Steps[dialog.StartIndex].Id;
            active.MarkChanged(turn.Now);
        }

        turn.Conversation = active;
        turn.Dialog = dialog;
        return true;
    }

    /// <summary>Shows the current question again, or the menu when no conversation is running.</summary>
    private static void ShowCurrent(Turn turn)
    {
        if (!Bind(turn))
        {
            ShowMenu(turn, null);
            return;
        }

        var dialog = turn.Dialog!;
        if (dialog.Steps[dialog.IndexOf(turn.Conversation!.StepId)].Definition is AskStep ask)
        {
            ShowQuestion(turn, dialog, ask);
        }
        else
        {
            Run(turn);
        }
    }

    private static void ShowQuestion(Turn turn, CompiledDialog dialog, AskStep ask)
    {
        turn.Say(ask.Question);
        turn.SetButtons(dialog.Steps[dialog.IndexOf(ask.Id)].Buttons(turn.Language));
    }

    private static void ShowMenu(Turn turn, string? intro)
    {
        if (turn.Catalog.Dialogs.Count == 0)
        {
            turn.Say(SystemTexts.NoDialogs(turn.Language));
            return;
        }

        turn.Say(intro ?? SystemTexts.MenuPrompt(turn.Language));
        turn.SetButtons(MenuButtons(turn));
    }

    private static IReadOnlyList<Button> MenuButtons(Turn turn) => turn.Catalog.MenuButtons(turn.Language);
}
