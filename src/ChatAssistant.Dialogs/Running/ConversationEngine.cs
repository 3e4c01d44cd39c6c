using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// Answers one inbound message for one owner: global commands, starting and resuming dialogs, reading and
/// checking answers, and moving the dialog's state machine on. A pure function of (catalog, session, message,
/// time): it changes the session in memory and returns the reply; the caller persists both in one transaction.
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
            if (turn.StartedOver)
            {
                ShowCurrent(turn);
            }
            else
            {
                HandleAnswer(turn, text);
            }
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
                if (!argument.IsEmpty && Languages.Normalize(argument.ToString()) is null)
                {
                    turn.Say(SystemTexts.UnknownLanguage(turn.Language, argument.Length > 20 ? argument[..20].ToString() + "…" : argument.ToString()));
                    ShowCurrent(turn);
                    return;
                }

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

        // An operators' dialog does not exist for anyone else: they get exactly the unknown-command answer below.
        if (turn.Catalog.FindByCommand(command) is { } dialog
            && (dialog.Definition.Audience == DialogAudience.Owners || turn.Session.IsOperator))
        {
            StartOrResume(turn, dialog, ReadStartParameters(dialog, argument));
            return;
        }

        turn.Say(SystemTexts.UnknownCommand(turn.Language, command.Length > 40 ? command[..40].ToString() + "…" : command.ToString()));
        ShowCurrent(turn);
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
    /// the owner had tapped it (see <see cref="AnsweredByPreset"/>). It is checked there, not now: a run-time
    /// list may depend on answers given in between (the programmes open for the owner's sector), and may change.
    /// </summary>
    private static void Preset(ConversationState conversation, List<StartPreset>? presets)
    {
        foreach (var preset in presets ?? [])
        {
            conversation.SetAnswer(preset.Marker, DialogValue.FromText(preset.Value));
        }
    }

    /// <summary>
    /// At a question a start parameter answered: its value, read as a tap (choices) or as typed (other inputs),
    /// answers it, and the question is passed over like an answered one ("back" returns to it and asks it).
    /// A value that does not fit (the programme closed) is dropped and the owner told once, above the question.
    /// </summary>
    private static bool AnsweredByPreset(Turn turn, CompiledDialog dialog, AskStep ask)
    {
        var conversation = turn.Conversation!;
        if (dialog.PresetKeys.Count == 0
            || !dialog.PresetKeys.TryGetValue(ask.SaveAs, out var preset)
            || !conversation.Answers.TryGetValue(preset.Marker, out var waiting))
        {
            return false;
        }

        conversation.RemoveAnswer(preset.Marker);
        if (conversation.History.Contains(ask.Id) || waiting.Text is not { } text)
        {
            return false;
        }

        var options = OptionsOf(turn, ask);
        var read = ask.Input.Kind == InputKind.Choice
            ? InputReader.TryReadButton(ask, options, text, out var value)
            : InputReader.TryRead(ask, options, text, out value);
        if (!read)
        {
            turn.Say(SystemTexts.PresetUnavailable(turn.Language, ask.Input.Kind == InputKind.Choice));
            return false;
        }

        if (!turn.Get(ask.SaveAs).Equals(value))
        {
            turn.Set(ask.SaveAs, value);
        }

        conversation.History.Add(ask.Id);
        conversation.MarkChanged(turn.Now);
        return true;
    }

    private static void HandleMenuChoice(Turn turn, string text)
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

        ShowMenu(turn, SystemTexts.Greeting(turn.Language));
    }

    private static void HandleAnswer(Turn turn, string text)
    {
        var dialog = turn.Dialog!;
        var conversation = turn.Conversation!;
        var step = dialog.Steps[dialog.IndexOf(conversation.StepId)].Definition;
        if (step is not (AskStep or ReviewStep))
        {
            Run(turn);
            return;
        }

        // What the owner sees is what they mean: a button's number or label is that button, at every kind of step.
        if (TypedButton(turn, dialog, step, text) is { } data && ButtonData.TryParseAnswer(data, out _, out var pressed))
        {
            Press(turn, step, pressed);
            return;
        }

        if (step is ReviewStep review)
        {
            HandleReview(turn, review, text);
            return;
        }

        var ask = (AskStep)step;
        if (ask.Help is not null && SystemTexts.IsHelpRequest(text))
        {
            ShowHelp(turn, ask);
            return;
        }

        switch (conversation.Mode)
        {
            case ConversationMode.Confirming:
                HandleConfirming(turn, ask, text);
                return;
            case ConversationMode.Checking:
                HandleChecking(turn, ask, text);
                return;
        }

        ReadAnswer(turn, ask, text);
    }

    /// <summary>
    /// The data of the button the typed text names, among those shown now (then, by label, those of the other
    /// language); null for none. At a count question a bare number is the count, not a button.
    /// </summary>
    private static string? TypedButton(Turn turn, CompiledDialog dialog, StepDefinition step, string text)
    {
        var numbers = !(step is AskStep { Input.Kind: InputKind.Integer or InputKind.Number }
            && turn.Conversation!.Mode is ConversationMode.Normal or ConversationMode.Editing);
        var buttons = ButtonsOf(turn, dialog, step, turn.Language);
        var index = ButtonMatcher.Match(text, buttons, numbers);
        if (index < 0 && !ButtonMatcher.IsNumber(text))
        {
            buttons = ButtonsOf(turn, dialog, step, turn.Language == Languages.English ? Languages.Indonesian : Languages.English);
            index = ButtonMatcher.Match(text, buttons, numbers: false);
        }

        return index >= 0 ? buttons[index].Data : null;
    }

    /// <summary>The buttons the current step shows in this language, in the order the owner sees them numbered.</summary>
    private static IReadOnlyList<Button> ButtonsOf(Turn turn, CompiledDialog dialog, StepDefinition step, string language)
    {
        var compiled = dialog.Steps[dialog.IndexOf(step.Id)];
        return step switch
        {
            AskStep when turn.Conversation!.Mode == ConversationMode.Confirming => compiled.ConfirmButtons(language),
            AskStep when turn.Conversation!.Mode == ConversationMode.Checking => compiled.CheckButtons(language),
            AskStep ask => QuestionButtons(turn, dialog, ask, language),
            _ => compiled.Buttons(language),
        };
    }

    /// <summary>An answer typed at a question: read, checked, then stored, said back first, or asked again.</summary>
    private static void ReadAnswer(Turn turn, AskStep ask, string text)
    {
        var conversation = turn.Conversation!;
        var options = OptionsOf(turn, ask);
        if (options.Count > PageSize && ask.Input.OptionsSource is not null)
        {
            if (text.Trim().ToLowerInvariant() is "lainnya" or "berikutnya" or "more" or "next")
            {
                NextPage(turn, ask, options.Count);
                return;
            }

            // A typed number counts within the page on screen, as the owner sees it numbered.
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                options = PageSlice(options, conversation.PageOf(ask.Id));
            }
        }

        List<ChoiceOption>? candidates = ask.Input.Kind is InputKind.Choice or InputKind.Province ? [] : null;
        switch (InputReader.Read(ask, options, text, turn.Language, out var reading, candidates))
        {
            case ReadResult.Read:
                AcceptRead(turn, ask, reading);
                return;
            case ReadResult.Several when candidates is { Count: > 1 }:
                AskWhich(turn, ask, text, candidates);
                return;
            default:
                Reprompt(turn, ask, text);
                return;
        }
    }

    /// <summary>An answer read from typed words: said back first when its words or its size ask for it, else stored.</summary>
    private static void AcceptRead(Turn turn, AskStep ask, InputReading reading)
    {
        if (reading.PerYear)
        {
            StartCheck(turn, ask, reading.Value, AnswerCheck.PerYear);
            return;
        }

        // "surabya": read with a typo allowed, so asked ("Jawa Timur — benar?") rather than stored on a guess.
        if (reading.Guessed)
        {
            StartCheck(turn, ask, reading.Value, AnswerCheck.Range);
            return;
        }

        if (Plausibility.NeedsConfirmation(ask.Input, reading.Value, DateOnly.FromDateTime(turn.Now.DateTime)))
        {
            StartCheck(turn, ask, reading.Value, AnswerCheck.Range);
            return;
        }

        if (reading.Approximate)
        {
            turn.Say(SystemTexts.Approximately(turn.Language, Reading(turn, ask, reading.Value)));
        }
        else if (reading.Place is { } place)
        {
            turn.Say(SystemTexts.PlaceIsIn(turn.Language, place, reading.Value.Text ?? string.Empty));
        }

        Accept(turn, ask, reading.Value);
    }

    /// <summary>A word that fits several options: which one, naming them with the numbers they have on screen.</summary>
    private static void AskWhich(Turn turn, AskStep ask, string text, List<ChoiceOption> candidates)
    {
        var buttons = QuestionButtons(turn, turn.Dialog!, ask, turn.Language);
        var names = turn.Scratch();
        foreach (var option in candidates)
        {
            if (names.Length > 0)
            {
                names.Append(", ");
            }

            for (var i = 0; i < buttons.Count; i++)
            {
                if (ButtonData.TryParseAnswer(buttons[i].Data, out _, out var value) && value.SequenceEqual(option.Value))
                {
                    names.Append('(').Append(i + 1).Append(") ");
                    break;
                }
            }

            names.Append(option.Label.Plain(turn.Language));
        }

        var typed = text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;
        turn.Say(buttons.Count == 0
            ? SystemTexts.WhichOneTyped(turn.Language, typed, names.ToString())
            : SystemTexts.WhichOne(turn.Language, typed, names.ToString()));
        turn.SetButtons(buttons);
    }

    /// <summary>
    /// "Still right?" answered by typing: a yes or a no decides; anything else that answers the question is
    /// asked about ("Maksud Anda nama baru …?"), never stored on its own; the rest is asked again, briefly.
    /// </summary>
    private static void HandleConfirming(Turn turn, AskStep ask, string text)
    {
        if (YesNoParser.TryParse(text, out var yes))
        {
            ConfirmKnown(turn, ask, yes);
            return;
        }

        if (InputReader.Read(ask, OptionsOf(turn, ask), text, turn.Language, out var reading) == ReadResult.Read)
        {
            // Typing the saved value again ("Toko Sari Rasa" at "still right?" for Toko Sari Rasa) confirms it.
            if (reading.Value.SameAs(turn.Get(ask.SaveAs)))
            {
                ConfirmKnown(turn, ask, keep: true);
                return;
            }

            StartCheck(turn, ask, reading.Value, AnswerCheck.NewValue);
            return;
        }

        var line = turn.Paragraph();
        line.Append(NotUnderstood(turn, ask, text)).Append(' ').Append(SystemTexts.ConfirmKnownReprompt(turn.Language));
        ShowConfirmation(turn, turn.Dialog!, ask, withQuestion: false);
    }

    /// <summary>
    /// An answer said back ("… — benar?"): yes stores it, no asks again; another answer to the same question
    /// replaces it (and is checked in its turn); anything else is asked again, briefly.
    /// </summary>
    private static void HandleChecking(Turn turn, AskStep ask, string text)
    {
        if (YesNoParser.TryParse(text, out var yes))
        {
            ResolveCheck(turn, ask, yes);
            return;
        }

        var conversation = turn.Conversation!;
        if (InputReader.Read(ask, OptionsOf(turn, ask), text, turn.Language, out _) == ReadResult.Read)
        {
            var fromConfirming = conversation.Check == AnswerCheck.NewValue;
            ClearCheck(conversation, fromConfirming ? ConversationMode.Confirming : conversation.BaseMode);
            conversation.MarkChanged(turn.Now);
            if (fromConfirming)
            {
                HandleConfirming(turn, ask, text);
            }
            else
            {
                ReadAnswer(turn, ask, text);
            }

            return;
        }

        turn.Paragraph().Append(NotUnderstood(turn, ask, text)).Append(' ').Append(SystemTexts.YesNoReprompt(turn.Language));
        ShowCheck(turn, turn.Dialog!, ask);
    }

    /// <summary>Keeps the answer under the pending key and says it back with Ya/Tidak buttons.</summary>
    private static void StartCheck(Turn turn, AskStep ask, DialogValue value, AnswerCheck why)
    {
        var conversation = turn.Conversation!;
        conversation.SetAnswer(ConversationState.PendingKey, value);
        conversation.Check = why;
        conversation.Mode = ConversationMode.Checking;
        conversation.MarkChanged(turn.Now);
        ShowCheck(turn, turn.Dialog!, ask);
    }

    private static void ResolveCheck(Turn turn, AskStep ask, bool yes)
    {
        var conversation = turn.Conversation!;
        var pending = conversation.Answers.GetValueOrDefault(ConversationState.PendingKey);
        var why = conversation.Check;
        ClearCheck(conversation, conversation.BaseMode);
        conversation.MarkChanged(turn.Now);
        if (yes && pending.IsSet)
        {
            Accept(turn, ask, pending);
        }
        else if (why == AnswerCheck.NewValue)
        {
            // Not a new value after all: back to "still right?".
            conversation.Mode = ConversationMode.Confirming;
            ShowConfirmation(turn, turn.Dialog!, ask);
        }
        else
        {
            turn.Say(SystemTexts.TypeAgain(turn.Language));
            ShowQuestion(turn, turn.Dialog!, ask, QuestionSentence(turn, ask));
        }
    }

    private static void ClearCheck(ConversationState conversation, ConversationMode mode)
    {
        conversation.RemoveAnswer(ConversationState.PendingKey);
        conversation.Check = AnswerCheck.None;
        conversation.Mode = mode;
    }

    private static void ShowCheck(Turn turn, CompiledDialog dialog, AskStep ask)
    {
        var conversation = turn.Conversation!;
        var reading = Reading(turn, ask, conversation.Answers.GetValueOrDefault(ConversationState.PendingKey));
        turn.Say(conversation.Check switch
        {
            AnswerCheck.PerYear => SystemTexts.PerYear(turn.Language, reading),
            AnswerCheck.NewValue => SystemTexts.IsItNew(turn.Language,
                dialog.FieldLabels.TryGetValue(ask.SaveAs, out var field) ? field.Plain(turn.Language) : string.Empty, reading),
            _ => SystemTexts.IsItRight(turn.Language, reading),
        });
        turn.SetButtons(dialog.Steps[dialog.IndexOf(ask.Id)].CheckButtons(turn.Language));
    }

    /// <summary>A value as it is said back: money with its amount in words, a choice by its label, a NIK or phone masked.</summary>
    private static string Reading(Turn turn, AskStep ask, in DialogValue value)
    {
        var dialog = turn.Dialog!;
        if (value.Kind == ValueKind.Money)
        {
            var words = SystemTexts.AmountWords(turn.Language, value.Number);
            var digits = value.Display(turn.Language);
            return words.Length == 0 ? digits : string.Concat(digits, " (", words, ")");
        }

        if (value.Kind == ValueKind.Text && dialog.PersonalKeys.Contains(ask.SaveAs))
        {
            return PersonalData.Mask(value.Text!);
        }

        if (value.Kind == ValueKind.Text && dialog.ValueLabels.TryGetValue(value.Text!, out var label) && ask.Input.Kind == InputKind.Choice)
        {
            return label.Plain(turn.Language);
        }

        return value.Display(turn.Language);
    }

    /// <summary>"Maaf, "…" belum bisa saya pahami.": what was typed, quoted back unless it may be a NIK or a phone.</summary>
    private static string NotUnderstood(Turn turn, AskStep ask, string text) =>
        ask.Input.Kind is InputKind.Nik or InputKind.Phone || turn.Dialog!.PersonalKeys.Contains(ask.SaveAs)
            ? SystemTexts.NotUnderstoodPrivate(turn.Language)
            : SystemTexts.NotUnderstood(turn.Language, text);

    /// <summary>Run-time lists longer than this are shown a page at a time (WhatsApp lists show at most 10 rows).</summary>
    internal const int PageSize = 8;

    private static IReadOnlyList<ChoiceOption> PageSlice(IReadOnlyList<ChoiceOption> options, int page)
    {
        var start = Math.Min(page * PageSize, Math.Max(0, options.Count - 1));
        return options.Skip(start).Take(PageSize).ToList();
    }

    private static void NextPage(Turn turn, AskStep ask, int count)
    {
        var conversation = turn.Conversation!;
        var pages = (count + PageSize - 1) / PageSize;
        conversation.Page = (conversation.PageOf(ask.Id) + 1) % pages;
        conversation.PagedStepId = ask.Id;
        conversation.MarkChanged(turn.Now);
        turn.SameRendering = true; // another page of the same question: the earlier page's buttons still answer
        ShowQuestion(turn, turn.Dialog!, ask);
    }

    private static void ConfirmKnown(Turn turn, AskStep ask, bool keep)
    {
        var conversation = turn.Conversation!;
        conversation.Mode = ConversationMode.Normal;
        conversation.MarkChanged(turn.Now);
        if (keep)
        {
            Accept(turn, ask, turn.Get(ask.SaveAs));
        }
        else
        {
            ShowQuestion(turn, turn.Dialog!, ask);
        }
    }

    /// <summary>At a review: "benar"/"ok" goes on, "ubah 3"/"edit 3" changes answer 3, anything else explains.</summary>
    private static void HandleReview(Turn turn, ReviewStep review, string text)
    {
        if (TryReadEdit(text, out var number))
        {
            EditFromReview(turn, review, number);
        }
        else if (IsConfirmation(text))
        {
            ConfirmReview(turn, review);
        }
        else
        {
            // Briefly: the summary is on screen already, and fifteen lines again would bury the one that matters.
            turn.Paragraph().Append(SystemTexts.NotUnderstood(turn.Language, text)).Append(' ').Append(SystemTexts.ReviewReprompt(turn.Language));
            var dialog = turn.Dialog!;
            turn.SetButtons(dialog.Steps[dialog.IndexOf(review.Id)].Buttons(turn.Language));
        }
    }

    private static bool TryReadEdit(string text, out int number)
    {
        var span = text.AsSpan().Trim();
        foreach (var verb in (ReadOnlySpan<string>)["ubah", "edit", "ganti", "change"])
        {
            if (span.StartsWith(verb, StringComparison.OrdinalIgnoreCase))
            {
                return int.TryParse(span[verb.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out number);
            }
        }

        number = 0;
        return false;
    }

    private static bool IsConfirmation(string text) =>
        (YesNoParser.TryParse(text, out var yes) && yes)
        || text.Trim().ToLowerInvariant() is "benar" or "lanjut" or "lanjutkan" or "selesai" or "kirim" or "correct" or "continue" or "done" or "send";

    private static void ConfirmReview(Turn turn, ReviewStep review)
    {
        var conversation = turn.Conversation!;
        conversation.History.Add(review.Id);
        conversation.MarkChanged(turn.Now);
        Advance(turn);
    }

    /// <summary>
    /// Re-asks the question behind review line <paramref name="number"/>. Later questions whose answers are
    /// kept are passed over; only questions the new answer puts on the path are asked; then the review again.
    /// </summary>
    private static void EditFromReview(Turn turn, ReviewStep review, int number)
    {
        var dialog = turn.Dialog!;
        var conversation = turn.Conversation!;
        if (number < 1 || number > review.Items.Count)
        {
            turn.Say(SystemTexts.NoSuchLine(turn.Language, review.Items.Count));
            turn.SetButtons(dialog.Steps[dialog.IndexOf(review.Id)].Buttons(turn.Language));
            return;
        }

        var item = review.Items[number - 1];
        var ask = dialog.Definition.Steps.OfType<AskStep>().FirstOrDefault(a => a.SaveAs == item.Key);
        if (ask is null)
        {
            turn.Say(SystemTexts.CannotEdit(turn.Language, item.Label.Plain(turn.Language)));
            ShowReview(turn, dialog, review);
            return;
        }

        conversation.Mode = ConversationMode.Editing;
        conversation.ReviewStepId = review.Id;
        var answered = conversation.History.LastIndexOf(ask.Id);
        if (answered >= 0)
        {
            conversation.History.RemoveRange(answered, conversation.History.Count - answered);
        }

        Jump(dialog, conversation, dialog.IndexOf(ask.Id));
        conversation.MarkChanged(turn.Now);
        turn.Say(SystemTexts.Editing(turn.Language, item.Label.Plain(turn.Language), turn.Display(ask.SaveAs)));
        ShowQuestion(turn, dialog, ask);
    }

    /// <summary>Back at the review after an edit: answers whose questions are no longer on the path are dropped.</summary>
    private static void FinishEditing(Turn turn)
    {
        var conversation = turn.Conversation!;
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stepId in conversation.History)
        {
            if (turn.Dialog!.Steps[turn.Dialog.IndexOf(stepId)].Definition is AskStep asked)
            {
                onPath.Add(asked.SaveAs);
            }
        }

        foreach (var ask in turn.Dialog!.Definition.Steps.OfType<AskStep>())
        {
            if (!ask.SavesToProfile && !onPath.Contains(ask.SaveAs))
            {
                conversation.RemoveAnswer(ask.SaveAs);
            }
        }

        conversation.Mode = ConversationMode.Normal;
        conversation.ReviewStepId = null;
        conversation.MarkChanged(turn.Now);
    }

    private static IReadOnlyList<ChoiceOption> OptionsOf(Turn turn, AskStep ask) =>
        ask.Input.OptionsSource is { } source ? turn.Choices?.Options(source, turn.Session) ?? [] : ask.Input.Options;

    private static void HandleButton(Turn turn, string data)
    {
        // Only a tap on the latest rendering of the current question answers it (see ButtonData.Token); longer
        // data than Telegram allows never came from a button the assistant sent.
        if (!Bind(turn) || Encoding.UTF8.GetByteCount(data) > ButtonData.MaxBytes
            || !ButtonData.TryParseAnswer(data, out var token, out var value) || !turn.IsCurrentTap(turn.Conversation!, token))
        {
            turn.Say(SystemTexts.Stale(turn.Language));
            ShowCurrent(turn);
            return;
        }

        Press(turn, turn.Dialog!.Steps[turn.Dialog.IndexOf(turn.Conversation!.StepId)].Definition, value);
    }

    /// <summary>A button of the current step, tapped or typed (by its number or label): what it means there.</summary>
    private static void Press(Turn turn, StepDefinition step, ReadOnlySpan<char> value)
    {
        var conversation = turn.Conversation!;
        if (step is ReviewStep review)
        {
            if (value.SequenceEqual(CompiledStep.ReviewOkValue))
            {
                ConfirmReview(turn, review);
            }
            else if (value.StartsWith(CompiledStep.ReviewEditPrefix) && int.TryParse(value[CompiledStep.ReviewEditPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                EditFromReview(turn, review, number);
            }
            else
            {
                turn.Say(SystemTexts.Stale(turn.Language));
                ShowReview(turn, turn.Dialog!, review);
            }

            return;
        }

        if (step is not AskStep ask)
        {
            turn.Say(SystemTexts.Stale(turn.Language));
            ShowCurrent(turn);
            return;
        }

        if (ask.Help is not null && value.SequenceEqual(CompiledStep.HelpValue))
        {
            ShowHelp(turn, ask);
            return;
        }

        if (value.SequenceEqual(CompiledStep.MoreValue) && ask.Input.OptionsSource is not null)
        {
            NextPage(turn, ask, OptionsOf(turn, ask).Count);
            return;
        }

        if (conversation.Mode == ConversationMode.Confirming && (value.SequenceEqual(CompiledStep.KeepValue) || value.SequenceEqual(CompiledStep.ChangeValue)))
        {
            ConfirmKnown(turn, ask, value.SequenceEqual(CompiledStep.KeepValue));
            return;
        }

        if (conversation.Mode == ConversationMode.Checking && (value.SequenceEqual(CompiledStep.CheckYesValue) || value.SequenceEqual(CompiledStep.CheckNoValue)))
        {
            ResolveCheck(turn, ask, value.SequenceEqual(CompiledStep.CheckYesValue));
            return;
        }

        if (!InputReader.TryReadButton(ask, OptionsOf(turn, ask), value, out var answer))
        {
            Reprompt(turn, ask, null);
            return;
        }

        Accept(turn, ask, answer);
    }

    /// <summary>"Apa ini?": the explanation, then the question again; nothing is saved and the step stays.</summary>
    private static void ShowHelp(Turn turn, AskStep ask)
    {
        turn.Say(ask.Help!);
        ShowCurrent(turn);
    }

    /// <summary>
    /// Briefly: what was not understood and what to type, in one line, then the question itself (its sentence
    /// with the question mark, not the whole preamble) and its buttons, so the owner sees which question is open.
    /// </summary>
    /// <param name="text">What was typed; null for a tapped button that no longer fits (nothing to quote back).</param>
    private static void Reprompt(Turn turn, AskStep ask, string? text)
    {
        var dialog = turn.Dialog!;
        var buttons = QuestionButtons(turn, dialog, ask, turn.Language);
        var line = turn.Paragraph();
        if (text is not null)
        {
            line.Append(NotUnderstood(turn, ask, text)).Append(' ');
        }

        if (ask.Input.Reprompt is { } reprompt)
        {
            reprompt.AppendTo(line, turn.Language, turn);
        }
        else
        {
            line.Append(SystemTexts.Reprompt(turn.Language, ask.Input, buttons.Count));
        }

        var question = QuestionSentence(turn, ask);
        if (question.Length > 0)
        {
            turn.Say(question);
        }

        turn.SetButtons(buttons);
    }

    /// <summary>
    /// The sentence of a question that asks (up to its first '?'), or the whole question when it is short; empty
    /// for a long one without a question mark (the buttons and the re-prompt line say enough).
    /// </summary>
    private static string QuestionSentence(Turn turn, AskStep ask)
    {
        const int Short = 160;
        var full = turn.Scratch();
        ask.Question.AppendTo(full, turn.Language, turn);
        var text = full.ToString();
        var mark = text.IndexOf('?', StringComparison.Ordinal);
        if (mark < 0)
        {
            return text.Length <= Short ? text : string.Empty;
        }

        var start = 0;
        for (var i = mark - 1; i > 0; i--)
        {
            if (text[i] == '\n' || (char.IsWhiteSpace(text[i]) && text[i - 1] is '.' or '!' or '?' or ':'))
            {
                start = i + 1;
                break;
            }
        }

        var sentence = text.AsSpan(start, mark + 1 - start).Trim();
        return sentence.Length == text.Length ? text : sentence.ToString();
    }

    private static void Accept(Turn turn, AskStep ask, DialogValue value)
    {
        var conversation = turn.Conversation!;
        if (!turn.Get(ask.SaveAs).Equals(value))
        {
            turn.Set(ask.SaveAs, value);
        }

        if (conversation.Mode is ConversationMode.Confirming or ConversationMode.Checking)
        {
            ClearCheck(conversation, conversation.BaseMode);
        }

        conversation.History.Add(ask.Id);
        conversation.MarkChanged(turn.Now);
        Advance(turn);
    }

    /// <summary>Leaves the current step by its 'next' rules and runs on to the next question.</summary>
    private static void Advance(Turn turn)
    {
        var machine = turn.Dialog!.RentMachine();
        try
        {
            if (!machine.Advance(turn.Conversation!, turn))
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
                var editing = conversation.Mode == ConversationMode.Editing;
                switch (dialog.Steps[dialog.IndexOf(conversation.StepId)].Definition)
                {
                    case AskStep ask when !editing && AnsweredByPreset(turn, dialog, ask):
                        // Answered by the start command's parameter: on to the next step, as after an answer.
                        break;

                    case AskStep ask when editing && turn.Get(ask.SaveAs).IsSet:
                        // Changing an earlier answer: a later answer that still applies is kept, not asked again.
                        conversation.History.Add(ask.Id);
                        break;

                    case AskStep ask when ask.Input.OptionsSource is not null && OptionsOf(turn, ask).Count == 0:
                        // Nothing to choose from now: move on unanswered; the dialog's rules say what then.
                        break;

                    case AskStep ask when !editing && ask.SavesToProfile && ask.ConfirmKnown && turn.Get(ask.SaveAs).IsSet:
                        // Never ask an owner twice: offer what we know for confirmation.
                        conversation.Mode = ConversationMode.Confirming;
                        conversation.MarkChanged(turn.Now);
                        ShowConfirmation(turn, dialog, ask);
                        return;

                    case AskStep ask:
                        ShowQuestion(turn, dialog, ask);
                        return;

                    case ReviewStep review:
                        if (editing)
                        {
                            FinishEditing(turn);
                        }

                        ShowReview(turn, dialog, review);
                        return;

                    case EndStep end:
                        turn.Say(end.Text);
                        turn.Say(SystemTexts.Finished(turn.Language));
                        conversation.Status = ConversationStatus.Completed;
                        conversation.Outcome = end.Outcome;
                        conversation.MarkChanged(turn.Now);
                        turn.SetButtons(MenuButtons(turn));
                        return;

                    case SayStep say when !editing:
                        turn.Say(say.Text);
                        break;

                    case CallStep call when turn.Actions is null || !turn.Actions.Names.Contains(call.Action):
                        Stuck(turn);
                        return;

                    case CallStep call:
                        foreach (var (key, value) in turn.Actions.Run(call.Action, turn.Session, conversation, turn.Now))
                        {
                            turn.Set(key, value);
                        }

                        break;

                    case ComputeStep compute:
                        Compute(turn, compute);
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

    /// <summary>Sets a compute step's key: from the first case that holds, a weighted sum, or a collected list.</summary>
    private static void Compute(Turn turn, ComputeStep compute)
    {
        if (compute.Sum is { Count: > 0 } terms)
        {
            decimal total = 0, weight = 0;
            foreach (var term in terms)
            {
                if (term.Applies is { } applies && !applies.Evaluate(turn))
                {
                    continue; // not applicable: out of the sum and of the total
                }

                weight += term.Add;
                if (term.When is null || term.When.Evaluate(turn))
                {
                    total += term.Add;
                }
            }

            // scale_to expresses the sum as a share of all the weights, e.g. 0-100.
            if (compute.ScaleTo is { } scale)
            {
                total = weight == 0 ? 0 : Math.Round(total * scale / weight, MidpointRounding.AwayFromZero);
            }

            turn.Set(compute.Set, DialogValue.FromNumber(total));
            return;
        }

        if (compute.Collect is { Count: > 0 } items)
        {
            var text = turn.Scratch();
            var held = 0;
            foreach (var item in items)
            {
                if ((item.When is null || item.When.Evaluate(turn))
                    && held++ >= compute.CollectSkip
                    && (compute.CollectLimit is not { } limit || held <= compute.CollectSkip + limit))
                {
                    (text.Length > 0 ? text.Append(' ') : text).Append(item.Item);
                }
            }

            // Nothing collected leaves the key unset, so that { set: plan } tells whether there is anything to do.
            if (text.Length == 0)
            {
                turn.Conversation?.RemoveAnswer(compute.Set);
            }
            else
            {
                turn.Set(compute.Set, DialogValue.FromList(text.ToString()));
            }

            return;
        }

        foreach (var row in compute.Cases)
        {
            if (row.When is null || row.When.Evaluate(turn))
            {
                var value = row.ValueFrom switch
                {
                    null => row.Value,
                    ComputeCase.Today => DialogValue.FromDate(DateOnly.FromDateTime(turn.Now.DateTime)),
                    var key => turn.Get(key),
                };
                if (value.IsSet)
                {
                    turn.Set(compute.Set, value);
                }
                else if (!compute.Set.StartsWith(AskStep.ProfilePrefix, StringComparison.Ordinal))
                {
                    // Copying an unset key unsets this one too (say, no score from last time); a profile value is kept.
                    turn.Conversation?.RemoveAnswer(compute.Set);
                }

                return;
            }
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
        if (Bind(turn) && turn.Conversation!.DialogId == dialog.Id)
        {
            ResumeOrStartOver(turn, dialog, presets, title);
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
                ResumeOrStartOver(turn, dialog, presets, title);
                return;
            }
        }

        var conversation = new ConversationState(dialog.Id, dialog.Version, dialog.Steps[dialog.StartIndex].Id, turn.Now)
        {
            DialogHash = dialog.Definition.ContentHash,
        };
        Preset(conversation, presets);
        conversation.MarkChanged(turn.Now);
        turn.Session.Conversations.Add(conversation);
        turn.Conversation = conversation;
        turn.Dialog = dialog;
        Run(turn);
    }

    private static void ResumeOrStartOver(Turn turn, CompiledDialog dialog, List<StartPreset>? presets, string title)
    {
        var conversation = turn.Conversation!;
        if (presets is null || HoldsPresets(conversation, presets))
        {
            turn.Say(SystemTexts.Resumed(turn.Language, title));
            ShowCurrent(turn);
            return;
        }

        // As /ulang: a new start is on the live version of the dialog, not the one the old run was pinned to.
        turn.Dialog = dialog;
        conversation.ClearAnswers();
        conversation.DialogVersion = dialog.Version;
        conversation.DialogHash = dialog.Definition.ContentHash;
        conversation.StepId = dialog.Steps[dialog.StartIndex].Id;
        conversation.PagedStepId = null;
        conversation.Page = 0;
        Preset(conversation, presets);
        conversation.MarkChanged(turn.Now);
        turn.Say(SystemTexts.Restarted(turn.Language, title));
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
        if (conversation.Mode is ConversationMode.Confirming or ConversationMode.Checking)
        {
            ClearCheck(conversation, conversation.BaseMode);
        }

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

        // Starting again is a new start: on the live version of the dialog, not the one the old run was pinned to.
        var conversation = turn.Conversation!;
        var dialog = turn.Catalog.Find(conversation.DialogId) ?? turn.Dialog!;
        turn.Dialog = dialog;
        conversation.ClearAnswers();
        conversation.DialogVersion = dialog.Version;
        conversation.DialogHash = dialog.Definition.ContentHash;
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

        // A conversation runs on the version it started on; only without a known version does it take the live one.
        var dialog = active.DialogHash is { } hash && turn.Versions.TryGetValue(hash, out var pinned)
            ? pinned
            : turn.Catalog.Find(active.DialogId);
        if (dialog is { Definition.Audience: DialogAudience.Operators } && !turn.Session.IsOperator)
        {
            // No longer an operator (removed from the configuration): the conversation is left as it is, but
            // not continued; for this person it does not exist, as its command does not.
            turn.Conversation = null;
            turn.Dialog = null;
            return false;
        }

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
            // The step was removed in a newer version of the file and the old version is gone: start that dialog
            // again rather than guess, and say so; the message that arrived was meant for the old question.
            active.ClearAnswers();
            active.DialogVersion = dialog.Version;
            active.DialogHash = dialog.Definition.ContentHash;
            active.StepId = dialog.Steps[dialog.StartIndex].Id;
            active.MarkChanged(turn.Now);
            turn.Say(SystemTexts.DialogChanged(turn.Language, dialog.Definition.Title.Plain(turn.Language)));
            turn.StartedOver = true;
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
        switch (dialog.Steps[dialog.IndexOf(turn.Conversation!.StepId)].Definition)
        {
            case AskStep ask when turn.Conversation.Mode == ConversationMode.Confirming:
                ShowConfirmation(turn, dialog, ask);
                break;
            case AskStep ask when turn.Conversation.Mode == ConversationMode.Checking:
                ShowCheck(turn, dialog, ask);
                break;
            case AskStep ask:
                ShowQuestion(turn, dialog, ask);
                break;
            case ReviewStep review:
                ShowReview(turn, dialog, review);
                break;
            default:
                Run(turn);
                break;
        }
    }

    /// <param name="question">Shown instead of the step's question (a short form of it); null for the question.</param>
    private static void ShowQuestion(Turn turn, CompiledDialog dialog, AskStep ask, string? question = null)
    {
        if (question is null)
        {
            turn.Say(ask.Question);
        }
        else if (question.Length > 0)
        {
            turn.Say(question);
        }

        if (ask.Input.OptionsSource is not null && OptionsOf(turn, ask) is { Count: > PageSize } all)
        {
            var page = turn.Conversation?.PageOf(ask.Id) ?? 0;
            turn.Say(SystemTexts.PageOf(turn.Language, page + 1, (all.Count + PageSize - 1) / PageSize));
        }

        turn.SetButtons(QuestionButtons(turn, dialog, ask, turn.Language));
    }

    /// <summary>
    /// The buttons under a question: built once at load for fixed options; for a run-time list, made for this
    /// owner now, a page at a time when the list is long, with "Lainnya ›" and "Apa ini?" after the options.
    /// </summary>
    private static IReadOnlyList<Button> QuestionButtons(Turn turn, CompiledDialog dialog, AskStep ask, string language)
    {
        if (ask.Input.OptionsSource is null)
        {
            return dialog.Steps[dialog.IndexOf(ask.Id)].Buttons(language);
        }

        var options = OptionsOf(turn, ask);
        var paged = options.Count > PageSize;
        if (paged)
        {
            options = PageSlice(options, turn.Conversation?.PageOf(ask.Id) ?? 0);
        }

        var buttons = new List<Button>(options.Count + 2);
        foreach (var option in options)
        {
            buttons.Add(new Button(option.Label.Plain(language), ButtonData.ForAnswer(ask.Id, option.Value)));
        }

        if (paged)
        {
            buttons.Add(new Button(SystemTexts.MoreOptions(language), ButtonData.ForAnswer(ask.Id, CompiledStep.MoreValue)));
        }

        if (ask.Help is not null)
        {
            buttons.Add(new Button(SystemTexts.WhatIsThis(language), ButtonData.ForAnswer(ask.Id, CompiledStep.HelpValue)));
        }

        return buttons;
    }

    private static void ShowConfirmation(Turn turn, CompiledDialog dialog, AskStep ask, bool withQuestion = true)
    {
        if (withQuestion)
        {
            turn.Say(ask.Question);
        }

        turn.Say(SystemTexts.KnownValue(turn.Language, turn.Display(ask.SaveAs)));
        turn.SetButtons(dialog.Steps[dialog.IndexOf(ask.Id)].ConfirmButtons(turn.Language));
    }

    private static void ShowReview(Turn turn, CompiledDialog dialog, ReviewStep review)
    {
        turn.Say(review.Text);
        var lines = turn.Paragraph();
        for (var i = 0; i < review.Items.Count; i++)
        {
            if (i > 0)
            {
                lines.Append('\n');
            }

            var item = review.Items[i];
            lines.Append(i + 1).Append(". ").Append(item.Label.Plain(turn.Language)).Append(": ").Append(turn.Display(item.Key));
        }

        turn.Say(SystemTexts.ReviewHelp(turn.Language));
        turn.SetButtons(dialog.Steps[dialog.IndexOf(review.Id)].Buttons(turn.Language));
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
