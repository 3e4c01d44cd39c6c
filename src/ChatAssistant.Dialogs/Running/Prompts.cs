using System.Buffers;
using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// What the owner is shown: the current question again, a question with its buttons, a "still right?" offer, an
/// answer said back, a short re-prompt, the menu. Writing only: no decision about the conversation is made here.
/// </summary>
internal static class Prompts
{
    /// <summary>Run-time lists longer than this are shown a page at a time (WhatsApp lists show at most 10 rows).</summary>
    public const int PageSize = 8;

    /// <summary>Shows the current question again, or the menu when no conversation is running.</summary>
    public static void ShowCurrent(Turn turn)
    {
        if (!ConversationEngine.TryBind(turn, out var t))
        {
            ShowMenu(turn, null);
            return;
        }

        switch (t.Current.Definition)
        {
            case AskStep ask when t.Conversation.Mode == ConversationMode.Confirming:
                ShowConfirmation(t, ask);
                break;
            case AskStep ask when t.Conversation.Mode == ConversationMode.Checking:
                ShowCheck(t, ask);
                break;
            case AskStep ask:
                ShowQuestion(t, ask);
                break;
            case ReviewStep review:
                ReviewHandler.Show(t, review);
                break;
            default:
                StepRunner.Run(t);
                break;
        }
    }

    /// <param name="t">The bound turn.</param>
    /// <param name="ask">The question.</param>
    /// <param name="question">Shown instead of the step's question (a short form of it); null for the question.</param>
    public static void ShowQuestion(ConversationTurn t, AskStep ask, string? question = null)
    {
        if (question is null)
        {
            t.Say(ask.Question);
        }
        else if (question.Length > 0)
        {
            t.Say(question);
        }

        if (ask.Input.OptionsSource is not null && t.OptionsOf(ask) is { Count: > PageSize } all)
        {
            var page = t.Conversation.PageOf(ask.Id);
            t.Say(SystemTexts.PageOf(t.Language, page + 1, (all.Count + PageSize - 1) / PageSize));
        }

        t.SetButtons(QuestionButtons(t, ask, t.Language));
    }

    /// <summary>
    /// The buttons under a question: built once at load for fixed options; for a run-time list, made for this
    /// owner now, a page at a time when the list is long, with "Lainnya ›" and "Apa ini?" after the options.
    /// </summary>
    public static IReadOnlyList<Button> QuestionButtons(ConversationTurn t, AskStep ask, string language)
    {
        if (ask.Input.OptionsSource is null)
        {
            return t.StepOf(ask.Id).Buttons(language);
        }

        var options = t.OptionsOf(ask);
        var paged = options.Count > PageSize;
        if (paged)
        {
            options = PageSlice(options, t.Conversation.PageOf(ask.Id));
        }

        var buttons = new List<Button>(options.Count + 2);
        foreach (var option in options)
        {
            buttons.Add(new Button(option.Label.Plain(language), ButtonData.ForAnswer(ask.Id, option.Value), option.Short?.Plain(language)));
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

    /// <summary>The buttons the current step shows in this language, in the order the owner sees them numbered.</summary>
    public static IReadOnlyList<Button> ButtonsOf(ConversationTurn t, StepDefinition step, string language)
    {
        var compiled = t.StepOf(step.Id);
        return step switch
        {
            AskStep when t.Conversation.Mode == ConversationMode.Confirming => compiled.ConfirmButtons(language),
            AskStep when t.Conversation.Mode == ConversationMode.Checking => compiled.CheckButtons(language),
            AskStep ask => QuestionButtons(t, ask, language),
            _ => compiled.Buttons(language),
        };
    }

    public static IReadOnlyList<ChoiceOption> PageSlice(IReadOnlyList<ChoiceOption> options, int page)
    {
        var start = Math.Min(page * PageSize, Math.Max(0, options.Count - 1));
        return options.Skip(start).Take(PageSize).ToList();
    }

    public static void ShowConfirmation(ConversationTurn t, AskStep ask, bool withQuestion = true)
    {
        if (withQuestion)
        {
            t.Say(ask.Question);
        }

        SystemTexts.AppendKnownValue(t.Paragraph(), t.Language, t.Display(ask.SaveAs));
        t.SetButtons(t.StepOf(ask.Id).ConfirmButtons(t.Language));
    }

    /// <summary>Says back the answer waiting under the pending key, with Ya/Tidak buttons.</summary>
    public static void ShowCheck(ConversationTurn t, AskStep ask)
    {
        var conversation = t.Conversation;
        if (conversation.Check == AnswerCheck.SenderPhone)
        {
            ShowSenderPhone(t, ask);
            return;
        }

        var reading = Reading(t, ask, conversation.Answers.GetValueOrDefault(ConversationState.PendingKey));
        t.Say(conversation.Check switch
        {
            AnswerCheck.PerYear => SystemTexts.PerYear(t.Language, reading),
            AnswerCheck.NewValue => SystemTexts.IsItNew(t.Language,
                t.Dialog.FieldLabels.TryGetValue(ask.SaveAs, out var field) ? field.Plain(t.Language) : string.Empty, reading),
            _ => SystemTexts.IsItRight(t.Language, reading),
        });
        t.SetButtons(t.StepOf(ask.Id).CheckButtons(t.Language));
    }

    /// <summary>
    /// The question, and the number the owner chats from offered for a yes: in full, as it is their own. Without a
    /// number on this message (the chat reopened elsewhere) the question alone; a number typed still answers it.
    /// </summary>
    private static void ShowSenderPhone(ConversationTurn t, AskStep ask)
    {
        t.Say(ask.Question);
        if (t.Turn.SenderPhone is { } phone)
        {
            t.Say(SystemTexts.UseSenderPhone(t.Language, PhoneParser.Local(phone)));
            t.SetButtons(t.StepOf(ask.Id).CheckButtons(t.Language));
        }
    }

    /// <summary>A value as it is said back: money with its amount in words, a choice by its label, a NIK or phone masked.</summary>
    public static string Reading(ConversationTurn t, AskStep ask, in DialogValue value)
    {
        if (value.Kind == ValueKind.Money)
        {
            var words = SystemTexts.AmountWords(t.Language, value.Number);
            var digits = value.Display(t.Language);
            return words.Length == 0 ? digits : string.Concat(digits, " (", words, ")");
        }

        if (value is { Kind: ValueKind.Text, Text: { } personal } && t.Dialog.PersonalKeys.Contains(ask.SaveAs))
        {
            return PersonalData.Mask(personal);
        }

        if (value is { Kind: ValueKind.Text, Text: { } text } && t.Dialog.ValueLabels.TryGetValue(text, out var label) && ask.Input.Kind == InputKind.Choice)
        {
            return label.Plain(t.Language);
        }

        return value.Display(t.Language);
    }

    /// <summary>"Maaf, "…" belum bisa saya pahami.": what was typed, quoted back unless it may be a NIK or a phone.</summary>
    public static StringBuilder AppendNotUnderstood(StringBuilder line, ConversationTurn t, AskStep ask, string text) =>
        ask.Input.Kind is InputKind.Nik or InputKind.Phone || t.Dialog.PersonalKeys.Contains(ask.SaveAs)
            ? line.Append(SystemTexts.NotUnderstoodPrivate(t.Language))
            : SystemTexts.AppendNotUnderstood(line, t.Language, text);

    /// <summary>
    /// Briefly: what was not understood and what to type, in one line, then the question itself (its sentence
    /// with the question mark, not the whole preamble) and its buttons, so the owner sees which question is open.
    /// </summary>
    /// <param name="t">The bound turn.</param>
    /// <param name="ask">The question.</param>
    /// <param name="text">What was typed; null for a tapped button that no longer fits (nothing to quote back).</param>
    public static void Reprompt(ConversationTurn t, AskStep ask, string? text)
    {
        var buttons = QuestionButtons(t, ask, t.Language);
        var line = t.Paragraph();
        var offer = false;
        if (text is not null)
        {
            AppendNotUnderstood(line, t, ask, text).Append(' ');
            offer = t.Turn.OffersHandoff && Misses.Count(t.Conversation, ask.Id) >= Misses.OfferAfter;
        }

        if (ask.Input.Reprompt is { } reprompt)
        {
            reprompt.AppendTo(line, t.Language, t.Turn);
        }
        else
        {
            line.Append(t.StepOf(ask.Id).Reprompt(t.Language, buttons.Count));
        }

        AppendQuestionSentence(t, ask);
        if (offer)
        {
            // The second answer in a row the assistant cannot read: a person may understand what it does not.
            t.Say(SystemTexts.HandoffOffer(t.Language));
            buttons = [.. buttons, new Button(SystemTexts.HandoffButton(t.Language), SystemCommands.HandoffCommand)];
        }

        t.SetButtons(buttons);
    }

    /// <summary>
    /// The sentence of a question that asks (up to its first '?'), or the whole question when it is short; empty
    /// for a long one without a question mark (the buttons and the re-prompt line say enough).
    /// </summary>
    public static string QuestionSentence(ConversationTurn t, AskStep ask)
    {
        var full = t.Scratch();
        ask.Question.AppendTo(full, t.Language, t.Turn);
        var text = full.ToString();
        var (start, length) = Sentence(text);
        return length == text.Length ? text : text.Substring(start, length);
    }

    /// <summary><see cref="QuestionSentence"/> said as a paragraph of the reply, when it is not empty, without a string of its own.</summary>
    private static void AppendQuestionSentence(ConversationTurn t, AskStep ask)
    {
        var full = t.Scratch();
        ask.Question.AppendTo(full, t.Language, t.Turn);
        var rented = ArrayPool<char>.Shared.Rent(full.Length);
        try
        {
            full.CopyTo(0, rented, full.Length);
            var text = rented.AsSpan(0, full.Length);
            var (start, length) = Sentence(text);
            if (length > 0)
            {
                t.Paragraph().Append(text.Slice(start, length));
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Where the asking sentence of a question is: see <see cref="QuestionSentence"/>.</summary>
    private static (int Start, int Length) Sentence(ReadOnlySpan<char> text)
    {
        const int Short = 160;
        var mark = text.IndexOf('?');
        if (mark < 0)
        {
            return text.Length <= Short ? (0, text.Length) : (0, 0);
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

        // Trimmed as a span: where the sentence starts and ends without its surrounding white space.
        var sentence = text.Slice(start, mark + 1 - start);
        var trimmed = sentence.TrimStart();
        start += sentence.Length - trimmed.Length;
        return (start, trimmed.TrimEnd().Length);
    }

    /// <summary>"Apa ini?": the explanation, then the question again; nothing is saved and the step stays.</summary>
    public static void ShowHelp(ConversationTurn t, LocalizedText help)
    {
        t.Say(help);
        ShowCurrent(t.Turn);
    }

    public static void ShowMenu(Turn turn, string? intro)
    {
        if (turn.Catalog.Dialogs.Count == 0)
        {
            turn.Say(SystemTexts.NoDialogs(turn.Language));
            return;
        }

        turn.Say(intro ?? SystemTexts.MenuPrompt(turn.Language));
        turn.SetButtons(MenuButtons(turn));
    }

    public static IReadOnlyList<Button> MenuButtons(Turn turn) => turn.Catalog.MenuButtons(turn.Language);
}
