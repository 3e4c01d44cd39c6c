using System.Globalization;
using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// An answer at the current step, tapped or typed. Both are first made one <see cref="AnswerInput"/> (a typed
/// number or label of a button shown is that button), then one decision tree reads it: help, another page, the
/// "still right?" offer, an answer said back, the answer itself. Reviews go to <see cref="ReviewHandler"/>.
/// </summary>
internal static class AnswerHandler
{
    /// <summary>Words typed while a conversation is open.</summary>
    public static void HandleTyped(ConversationTurn t, string text)
    {
        var step = t.Current.Definition;
        if (step is not (AskStep or ReviewStep))
        {
            // Nothing is asked at this step (a conversation stopped at a say step): run on to the next question.
            StepRunner.Run(t);
            return;
        }

        // What the owner sees is what they mean: a button's number or label is that button, at every kind of step.
        if (TypedButton(t, step, text) is { } data && ButtonData.TryParseAnswer(data, out _, out var pressed))
        {
            Decide(t, step, AnswerInput.Pressed(pressed));
            return;
        }

        Decide(t, step, AnswerInput.Words(text));
    }

    /// <summary>A tapped answer button. Only a tap on the latest rendering of the current question answers it.</summary>
    public static void HandleTap(Turn turn, string data)
    {
        // See ButtonData.Token; longer data than Telegram allows never came from a button the assistant sent.
        if (!ConversationEngine.TryBind(turn, out var t) || Encoding.UTF8.GetByteCount(data) > ButtonData.MaxBytes
            || !ButtonData.TryParseAnswer(data, out var token, out var value) || !turn.IsCurrentTap(t.Conversation, token))
        {
            turn.Say(SystemTexts.Stale(turn.Language));
            Prompts.ShowCurrent(turn);
            return;
        }

        Decide(t, t.Current.Definition, AnswerInput.Pressed(value));
    }

    private static void Decide(ConversationTurn t, StepDefinition step, AnswerInput input)
    {
        switch (step)
        {
            case ReviewStep review:
                ReviewHandler.Handle(t, review, input);
                return;

            case AskStep ask:
                Answer(t, ask, input);
                return;

            default:
                // A tap at a step that asks nothing.
                t.Say(SystemTexts.Stale(t.Language));
                Prompts.ShowCurrent(t.Turn);
                return;
        }
    }

    private static void Answer(ConversationTurn t, AskStep ask, AnswerInput input)
    {
        if (ask.Help is { } help && (input.IsButton ? input.Is(CompiledStep.HelpValue) : SystemTexts.IsHelpRequest(input.Typed ?? string.Empty)))
        {
            Prompts.ShowHelp(t, help);
            return;
        }

        if (input.Is(CompiledStep.MoreValue) && ask.Input.OptionsSource is not null)
        {
            NextPage(t, ask, t.OptionsOf(ask).Count);
            return;
        }

        switch (t.Conversation.Mode)
        {
            case ConversationMode.Confirming when input.TryYesNo(CompiledStep.KeepValue, CompiledStep.ChangeValue, out var keep):
                ConfirmSaved(t, ask, keep);
                return;

            case ConversationMode.Confirming when input.Typed is { } typed:
                OtherThanSaved(t, ask, typed);
                return;

            case ConversationMode.Checking when input.TryYesNo(CompiledStep.CheckYesValue, CompiledStep.CheckNoValue, out var yes):
                ResolveCheck(t, ask, yes);
                return;

            case ConversationMode.Checking when input.Typed is { } typed:
                OtherThanSaidBack(t, ask, typed);
                return;
        }

        if (input.Typed is { } text)
        {
            ReadAnswer(t, ask, text);
        }
        else if (InputReader.TryReadButton(ask, t.OptionsOf(ask), input.Button, out var answer))
        {
            Accept(t, ask, answer);
        }
        else
        {
            Prompts.Reprompt(t, ask, null);
        }
    }

    /// <summary>
    /// The data of the button the typed text names, among those shown now (then, by label, those of the other
    /// language); null for none. At a count question a bare number is the count, not a button.
    /// </summary>
    private static string? TypedButton(ConversationTurn t, StepDefinition step, string text)
    {
        var numbers = !(step is AskStep { Input.Kind: InputKind.Integer or InputKind.Number }
            && t.Conversation.Mode is ConversationMode.Normal or ConversationMode.Editing);
        var buttons = Prompts.ButtonsOf(t, step, t.Language);
        var index = ButtonMatcher.Match(text, buttons, numbers);
        if (index < 0 && !ButtonMatcher.IsNumber(text))
        {
            buttons = Prompts.ButtonsOf(t, step, t.Language == Languages.English ? Languages.Indonesian : Languages.English);
            index = ButtonMatcher.Match(text, buttons, numbers: false);
        }

        return index >= 0 ? buttons[index].Data : null;
    }

    /// <summary>An answer typed at a question: read, checked, then stored, said back first, or asked again.</summary>
    private static void ReadAnswer(ConversationTurn t, AskStep ask, string text)
    {
        var options = t.OptionsOf(ask);
        if (options.Count > Prompts.PageSize && ask.Input.OptionsSource is not null)
        {
            if (text.Trim().ToLowerInvariant() is "lainnya" or "berikutnya" or "more" or "next")
            {
                NextPage(t, ask, options.Count);
                return;
            }

            // A typed number counts within the page on screen, as the owner sees it numbered.
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                options = Prompts.PageSlice(options, t.Conversation.PageOf(ask.Id));
            }
        }

        List<ChoiceOption>? candidates = ask.Input.Kind is InputKind.Choice or InputKind.Province ? [] : null;
        switch (InputReader.Read(ask, options, text, t.Language, out var reading, candidates))
        {
            case ReadResult.Read:
                AcceptRead(t, ask, reading);
                return;
            case ReadResult.Several when candidates is { Count: > 1 }:
                AskWhich(t, ask, text, candidates);
                return;
            default:
                Prompts.Reprompt(t, ask, text);
                return;
        }
    }

    /// <summary>An answer read from typed words: said back first when its words or its size ask for it, else stored.</summary>
    private static void AcceptRead(ConversationTurn t, AskStep ask, InputReading reading)
    {
        if (reading.PerYear)
        {
            StartCheck(t, ask, reading.Value, AnswerCheck.PerYear);
            return;
        }

        // "surabya": read with a typo allowed, so asked ("Jawa Timur — benar?") rather than stored on a guess.
        if (reading.Guessed)
        {
            StartCheck(t, ask, reading.Value, AnswerCheck.Range);
            return;
        }

        if (Plausibility.NeedsConfirmation(ask.Input, reading.Value, DateOnly.FromDateTime(t.Now.DateTime)))
        {
            StartCheck(t, ask, reading.Value, AnswerCheck.Range);
            return;
        }

        if (reading.Approximate)
        {
            t.Say(SystemTexts.Approximately(t.Language, Prompts.Reading(t, ask, reading.Value)));
        }
        else if (reading.Place is { } place)
        {
            t.Say(SystemTexts.PlaceIsIn(t.Language, place, reading.Value.Text ?? string.Empty));
        }

        Accept(t, ask, reading.Value);
    }

    /// <summary>A word that fits several options: which one, naming them with the numbers they have on screen.</summary>
    private static void AskWhich(ConversationTurn t, AskStep ask, string text, List<ChoiceOption> candidates)
    {
        var buttons = Prompts.QuestionButtons(t, ask, t.Language);
        var names = t.Scratch();
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

            names.Append(option.Label.Plain(t.Language));
        }

        var typed = text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;
        t.Say(buttons.Count == 0
            ? SystemTexts.WhichOneTyped(t.Language, typed, names.ToString())
            : SystemTexts.WhichOne(t.Language, typed, names.ToString()));
        t.SetButtons(buttons);
    }

    /// <summary>
    /// "Still right?" answered by typing something other than yes or no: anything that answers the question is
    /// asked about ("Maksud Anda nama baru …?"), never stored on its own; the rest is asked again, briefly.
    /// </summary>
    private static void OtherThanSaved(ConversationTurn t, AskStep ask, string text)
    {
        if (InputReader.Read(ask, t.OptionsOf(ask), text, t.Language, out var reading) == ReadResult.Read)
        {
            // Typing the saved value again ("Toko Sari Rasa" at "still right?" for Toko Sari Rasa) confirms it.
            if (reading.Value.SameAs(t.Get(ask.SaveAs)))
            {
                ConfirmSaved(t, ask, keep: true);
                return;
            }

            StartCheck(t, ask, reading.Value, AnswerCheck.NewValue);
            return;
        }

        Prompts.AppendNotUnderstood(t.Paragraph(), t, ask, text).Append(' ').Append(SystemTexts.ConfirmKnownReprompt(t.Language));
        Prompts.ShowConfirmation(t, ask, withQuestion: false);
    }

    /// <summary>
    /// An answer said back ("… — benar?") answered by typing something other than yes or no: another answer to
    /// the same question replaces it (and is checked in its turn); anything else is asked again, briefly.
    /// </summary>
    private static void OtherThanSaidBack(ConversationTurn t, AskStep ask, string text)
    {
        if (InputReader.Read(ask, t.OptionsOf(ask), text, t.Language, out _) == ReadResult.Read)
        {
            var fromConfirming = t.Conversation.Check == AnswerCheck.NewValue;
            ClearCheck(t, ConversationTrigger.Rejected);
            t.MarkChanged();
            if (fromConfirming)
            {
                OtherThanSaved(t, ask, text);
            }
            else
            {
                ReadAnswer(t, ask, text);
            }

            return;
        }

        Prompts.AppendNotUnderstood(t.Paragraph(), t, ask, text).Append(' ').Append(SystemTexts.YesNoReprompt(t.Language));
        Prompts.ShowCheck(t, ask);
    }

    /// <summary>Keeps the answer under the pending key and says it back with Ya/Tidak buttons.</summary>
    private static void StartCheck(ConversationTurn t, AskStep ask, DialogValue value, AnswerCheck why)
    {
        var conversation = t.Conversation;
        conversation.SetAnswer(ConversationState.PendingKey, value);
        conversation.Check = why;
        t.Fire(ConversationTrigger.SayBack);
        t.MarkChanged();
        Prompts.ShowCheck(t, ask);
    }

    /// <summary>Yes stores the answer said back; no asks again (or, for a new value, goes back to "still right?").</summary>
    private static void ResolveCheck(ConversationTurn t, AskStep ask, bool yes)
    {
        var why = t.Conversation.Check;

        // The offered number is not held: it is read from this message, the owner's own, as they say yes.
        var pending = why == AnswerCheck.SenderPhone
            ? (t.Turn.SenderPhone is { } phone ? DialogValue.FromText(phone) : DialogValue.None)
            : t.Conversation.Answers.GetValueOrDefault(ConversationState.PendingKey);
        var accepted = yes && pending.IsSet;
        ClearCheck(t, accepted ? ConversationTrigger.Confirmed : ConversationTrigger.Rejected);
        t.MarkChanged();
        if (accepted)
        {
            Accept(t, ask, pending);
        }
        else if (why == AnswerCheck.NewValue)
        {
            // Not a new value after all: back to "still right?".
            Prompts.ShowConfirmation(t, ask);
        }
        else if (why == AnswerCheck.SenderPhone)
        {
            // Another number, then: the question as it is asked without an offer.
            Prompts.ShowQuestion(t, ask);
        }
        else
        {
            t.Say(SystemTexts.TypeAgain(t.Language));
            Prompts.ShowQuestion(t, ask, Prompts.QuestionSentence(t, ask));
        }
    }

    /// <summary>Leaves the offer or the check by <paramref name="trigger"/>; the machine says what the conversation goes back to.</summary>
    public static void ClearCheck(ConversationTurn t, ConversationTrigger trigger)
    {
        // Fired first: where a "no" goes depends on why the answer was said back.
        t.Fire(trigger);
        t.Conversation.RemoveAnswer(ConversationState.PendingKey);
        t.Conversation.Check = AnswerCheck.None;
    }

    private static void NextPage(ConversationTurn t, AskStep ask, int count)
    {
        var conversation = t.Conversation;
        var pages = (count + Prompts.PageSize - 1) / Prompts.PageSize;
        conversation.Page = (conversation.PageOf(ask.Id) + 1) % pages;
        conversation.PagedStepId = ask.Id;
        t.MarkChanged();
        t.Turn.SameRendering = true; // another page of the same question: the earlier page's buttons still answer
        Prompts.ShowQuestion(t, ask);
    }

    private static void ConfirmSaved(ConversationTurn t, AskStep ask, bool keep)
    {
        t.Fire(keep ? ConversationTrigger.KeepSaved : ConversationTrigger.ChangeSaved);
        t.MarkChanged();
        if (keep)
        {
            Accept(t, ask, t.Get(ask.SaveAs));
        }
        else
        {
            Prompts.ShowQuestion(t, ask);
        }
    }

    /// <summary>Stores the answer (unless it is the one already held) and moves on.</summary>
    private static void Accept(ConversationTurn t, AskStep ask, DialogValue value)
    {
        var conversation = t.Conversation;
        if (!t.Get(ask.SaveAs).Equals(value))
        {
            t.Set(ask.SaveAs, value);
        }

        if (conversation.Mode is ConversationMode.Confirming or ConversationMode.Checking)
        {
            ClearCheck(t, ConversationTrigger.Answered);
        }

        Misses.Forget(conversation);
        conversation.History.Add(ask.Id);
        t.MarkChanged();
        StepRunner.Advance(t);
    }
}
