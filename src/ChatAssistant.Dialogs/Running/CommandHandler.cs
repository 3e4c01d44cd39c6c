using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// Commands ("/start", "/batal", "/kembali", "/ulang", "/bahasa", "/bantuan", a dialog's own command with its
/// start parameters) and the menu: starting, resuming, pausing, cancelling, going back and starting over.
/// </summary>
internal static class CommandHandler
{
    public static void Handle(Turn turn, string text)
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
                Prompts.ShowMenu(turn, SystemTexts.Greeting(turn.Language));
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
                if (!argument.IsEmpty && Languages.Normalize(argument.ToString()) is null)
                {
                    turn.Say(SystemTexts.UnknownLanguage(turn.Language, argument.Length > 20 ? argument[..20].ToString() + "…" : argument.ToString()));
                    Prompts.ShowCurrent(turn);
                    return;
                }

                var language = Languages.Normalize(argument.ToString())
                    ?? (turn.Language == Languages.English ? Languages.Indonesian : Languages.English);
                turn.Session.SetLanguage(language);
                turn.Say(SystemTexts.LanguageChanged(turn.Language));
                Prompts.ShowCurrent(turn);
                return;

            case SystemCommand.Help:
                turn.Say(SystemTexts.Help(turn.Language, turn.OffersHandoff));
                Prompts.ShowCurrent(turn);
                return;

            case SystemCommand.Human when turn.OffersHandoff:
                AskForPerson(turn);
                return;
        }

        // An operators' dialog does not exist for anyone else: they get exactly the unknown-command answer below.
        if (turn.Catalog.FindByCommand(command) is { } dialog
            && (dialog.Definition.Audience == DialogAudience.Owners || turn.Session.IsOperator))
        {
            StartOrResume(turn, dialog, ReadStartParameters(dialog, argument));
            return;
        }

        turn.Say(SystemTexts.UnknownCommand(turn.Language, command.Length > 40 ? command[..40].ToString() + "…" : command.ToString()));
        Prompts.ShowCurrent(turn);
    }

    /// <summary>Typed text with no conversation open: a menu number or a dialog's title starts it; anything else shows the menu.</summary>
    public static void HandleMenuChoice(Turn turn, string text)
    {
        // The numbers and titles the owner sees (in either language): dialogs without a command are not in the menu.
        var dialogs = turn.Catalog.MenuDialogs;
        var index = ButtonMatcher.Match(text, turn.Catalog.MenuButtons(turn.Language), numbers: true);
        if (index < 0)
        {
            index = ButtonMatcher.Match(text, turn.Catalog.MenuButtons(turn.Language == Languages.English ? Languages.Indonesian : Languages.English), numbers: false);
        }

        if (index >= 0 && index < dialogs.Count)
        {
            StartOrResume(turn, dialogs[index]);
            return;
        }

        Prompts.ShowMenu(turn, SystemTexts.Greeting(turn.Language));
    }

    /// <summary>A start parameter of a command, e.g. <c>program=BIMTEK-PDG-2026</c>: the answer key, where its value waits, the value.</summary>
    private readonly record struct StartPreset(string Key, string Marker, string Value);

    /// <summary>
    /// The declared start parameters in "/command key=value ..." (space-separated; a value has no spaces).
    /// Undeclared keys and malformed words are ignored. Null, without allocating, when there are none.
    /// </summary>
    private static List<StartPreset>? ReadStartParameters(CompiledDialog dialog, ReadOnlySpan<char> argument)
    {
        if (dialog.PresetKeys.Count == 0 || argument.IndexOf('=') < 0)
        {
            return null;
        }

        List<StartPreset>? presets = null;
        var lookup = dialog.PresetKeys.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in argument.SplitAny(" \t\n"))
        {
            var word = argument[range];
            var equals = word.IndexOf('=');
            if (equals <= 0 || equals == word.Length - 1 || !lookup.TryGetValue(word[..equals], out var preset))
            {
                continue;
            }

            presets ??= [];
            if (!presets.Exists(p => p.Key == preset.Key))
            {
                presets.Add(new StartPreset(preset.Key, preset.Marker, word[(equals + 1)..].ToString()));
            }
        }

        return presets;
    }

    /// <summary>Whether the conversation already holds these parameters (waiting, or answered with the same value).</summary>
    private static bool HoldsPresets(ConversationState conversation, List<StartPreset> presets)
    {
        foreach (var preset in presets)
        {
            var holds = (conversation.Answers.TryGetValue(preset.Marker, out var waiting) && waiting.Text == preset.Value)
                || (conversation.Answers.TryGetValue(preset.Key, out var answer) && string.Equals(answer.Text, preset.Value, StringComparison.OrdinalIgnoreCase));
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Keeps each parameter's value in the conversation until its question is reached, where it is read as if
    /// the owner had tapped it (see <see cref="StepRunner"/>). It is checked there, not now: a run-time list may
    /// depend on answers given in between (the programmes open for the owner's sector), and may change.
    /// </summary>
    private static void Preset(ConversationState conversation, List<StartPreset>? presets)
    {
        if (presets is null)
        {
            return;
        }

        foreach (var preset in presets)
        {
            conversation.SetAnswer(preset.Marker, DialogValue.FromText(preset.Value));
        }
    }

    /// <summary>
    /// Starts the dialog, or resumes the owner's open conversation with it. With start parameters (a broadcast
    /// link) that the open conversation does not already hold, it starts over with them instead: the owner
    /// tapped a link for this choice, and resuming would silently drop it.
    /// </summary>
    private static void StartOrResume(Turn turn, CompiledDialog dialog, List<StartPreset>? presets = null)
    {
        var title = dialog.Definition.Title.Plain(turn.Language);
        if (ConversationEngine.TryBind(turn, out var open) && open.Conversation.DialogId == dialog.Id)
        {
            ResumeOrStartOver(open, dialog, presets, title);
            return;
        }

        PauseActive(turn);
        var paused = turn.Session.Paused(dialog.Id);
        if (paused is not null)
        {
            ConversationMachine.Fire(paused, ConversationTrigger.Resume);
            paused.MarkChanged(turn.Now);
            if (ConversationEngine.TryBind(turn, out var resumed))
            {
                ResumeOrStartOver(resumed, dialog, presets, title);
                return;
            }
        }

        var conversation = turn.Session.NewConversation(dialog.Id, dialog.Version, dialog.Steps[dialog.StartIndex].Id, turn.Now);
        conversation.DialogHash = dialog.Definition.ContentHash;
        Preset(conversation, presets);
        conversation.MarkChanged(turn.Now);
        turn.Session.Conversations.Add(conversation);
        StepRunner.Run(turn.Bind(conversation, dialog));
    }

    private static void ResumeOrStartOver(ConversationTurn t, CompiledDialog dialog, List<StartPreset>? presets, string title)
    {
        if (presets is null || HoldsPresets(t.Conversation, presets))
        {
            t.Say(SystemTexts.Resumed(t.Language, title));
            Prompts.ShowCurrent(t.Turn);
            return;
        }

        // As /ulang: a new start is on the live version of the dialog, not the one the old run was pinned to.
        t = t.Turn.Bind(t.Conversation, dialog);
        var conversation = t.Conversation;
        t.Fire(ConversationTrigger.Restart);
        conversation.ClearAnswers();
        conversation.DialogVersion = dialog.Version;
        conversation.DialogHash = dialog.Definition.ContentHash;
        conversation.StepId = dialog.Steps[dialog.StartIndex].Id;
        conversation.PagedStepId = null;
        conversation.Page = 0;
        Preset(conversation, presets);
        t.MarkChanged();
        t.Say(SystemTexts.Restarted(t.Language, title));
        StepRunner.Run(t);
    }

    private static void Cancel(Turn turn)
    {
        if (!ConversationEngine.TryBind(turn, out var t))
        {
            turn.Say(SystemTexts.NothingToCancel(turn.Language));
            Prompts.ShowMenu(turn, null);
            return;
        }

        t.Fire(ConversationTrigger.Cancel);
        t.MarkChanged();
        t.Say(SystemTexts.Cancelled(t.Language, t.Dialog.Definition.Title.Plain(t.Language)));
        t.SetButtons(Prompts.MenuButtons(turn));
    }

    private static void GoBack(Turn turn)
    {
        if (!ConversationEngine.TryBind(turn, out var t))
        {
            turn.Say(SystemTexts.NothingToCancel(turn.Language));
            Prompts.ShowMenu(turn, null);
            return;
        }

        var conversation = t.Conversation;
        if (conversation.History.Count == 0)
        {
            t.Say(SystemTexts.NothingToGoBackTo(t.Language));
            Prompts.ShowCurrent(turn);
            return;
        }

        var previous = conversation.History[^1];
        conversation.History.RemoveAt(conversation.History.Count - 1);
        if (conversation.Mode is ConversationMode.Confirming or ConversationMode.Checking)
        {
            AnswerHandler.ClearCheck(t, ConversationTrigger.Back);
        }

        StepRunner.Jump(t, t.Dialog.IndexOf(previous));
        t.MarkChanged();
        if (t.StepOf(previous).Definition is AskStep ask)
        {
            t.Say(SystemTexts.WentBack(t.Language, t.Display(ask.SaveAs)));
        }

        Prompts.ShowCurrent(turn);
    }

    private static void Restart(Turn turn)
    {
        if (!ConversationEngine.TryBind(turn, out var t))
        {
            Prompts.ShowMenu(turn, SystemTexts.Greeting(turn.Language));
            return;
        }

        // Starting again is a new start: on the live version of the dialog, not the one the old run was pinned to.
        var dialog = turn.Catalog.Find(t.Conversation.DialogId) ?? t.Dialog;
        t = turn.Bind(t.Conversation, dialog);
        var conversation = t.Conversation;
        t.Fire(ConversationTrigger.Restart);
        conversation.ClearAnswers();
        conversation.DialogVersion = dialog.Version;
        conversation.DialogHash = dialog.Definition.ContentHash;
        StepRunner.Jump(t, dialog.StartIndex);
        t.MarkChanged();
        t.Say(SystemTexts.Restarted(t.Language, dialog.Definition.Title.Plain(t.Language)));
        StepRunner.Run(t);
    }

    /// <summary>
    /// The owner asks for a person. The conversation stays where it is (the host stops passing the owner's messages
    /// to the engine until the person hands back, and the owner continues at the same question); the host opens the
    /// request in this message's transaction.
    /// </summary>
    private static void AskForPerson(Turn turn)
    {
        turn.Session.HandoffRequested = true;
        if (turn.Session.Active is { } active)
        {
            Misses.Forget(active);
        }

        turn.Say(SystemTexts.HandoffRequested(turn.Language));
    }

    /// <summary>Pauses the owner's active conversation (another dialog starts, or the menu is asked for).</summary>
    private static void PauseActive(Turn turn)
    {
        if (turn.Session.Active is { } active)
        {
            ConversationMachine.Fire(active, ConversationTrigger.Pause);
            active.MarkChanged(turn.Now);
        }

        turn.Unbind();
    }
}
