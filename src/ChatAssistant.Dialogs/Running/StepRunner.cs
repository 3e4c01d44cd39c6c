using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// Moves a conversation through its dialog: leaves a step by its 'next' rules (<see cref="DialogMachine"/>),
/// runs say, compute and call steps on its own until a question, a review or an end, and jumps
/// (back, restart). What the owner typed or tapped is not read here; see <see cref="AnswerHandler"/>.
/// </summary>
internal static class StepRunner
{
    // Say and compute steps run without waiting; the validator refuses loops of them, this is the backstop.
    private const int MaxAutomaticSteps = 200;

    /// <summary>Leaves the current step by its 'next' rules and runs on to the next question.</summary>
    public static void Advance(ConversationTurn t)
    {
        if (!DialogMachine.Advance(t.Dialog, t.Conversation, t.Turn))
        {
            Stuck(t);
            return;
        }

        Run(t);
    }

    /// <summary>Runs say and compute steps from the current step until a question or an end.</summary>
    public static void Run(ConversationTurn t)
    {
        var dialog = t.Dialog;
        var conversation = t.Conversation;
        for (var i = 0; i < MaxAutomaticSteps; i++)
        {
            var editing = conversation.Mode == ConversationMode.Editing;
            switch (t.Current.Definition)
            {
                case AskStep ask when !editing && AnsweredByPreset(t, ask):
                    // Answered by the start command's parameter: on to the next step, as after an answer.
                    break;

                case AskStep ask when editing && t.Get(ask.SaveAs).IsSet:
                    // Changing an earlier answer: a later answer that still applies is kept, not asked again.
                    conversation.History.Add(ask.Id);
                    break;

                case AskStep ask when ask.Input.OptionsSource is not null && t.OptionsOf(ask).Count == 0:
                    // Nothing to choose from now: move on unanswered; the dialog's rules say what then.
                    break;

                case AskStep ask when !editing && ask.SavesToProfile && ask.ConfirmKnown && t.Get(ask.SaveAs).IsSet:
                    // Never ask an owner twice: offer what we know for confirmation.
                    t.Fire(ConversationTrigger.OfferSaved);
                    t.MarkChanged();
                    Prompts.ShowConfirmation(t, ask);
                    return;

                case AskStep { Input.Kind: InputKind.Phone } ask when !editing && t.Turn.SenderPhone is not null:
                    // The number the owner chats from: offered for a yes, stored only after one.
                    conversation.Check = AnswerCheck.SenderPhone;
                    t.Fire(ConversationTrigger.SayBack);
                    t.MarkChanged();
                    Prompts.ShowCheck(t, ask);
                    return;

                case AskStep ask:
                    Prompts.ShowQuestion(t, ask);
                    return;

                case ReviewStep review:
                    if (editing)
                    {
                        ReviewHandler.FinishEditing(t);
                    }

                    ReviewHandler.Show(t, review);
                    return;

                case EndStep end:
                    t.Say(end.Text);
                    t.Say(SystemTexts.Finished(t.Language));
                    t.Fire(ConversationTrigger.Complete);
                    conversation.Outcome = end.Outcome;
                    t.MarkChanged();
                    t.SetButtons(Prompts.MenuButtons(t.Turn));
                    return;

                case SayStep say when !editing:
                    t.Say(say.Text);
                    break;

                case CallStep call when t.Turn.Actions is { } actions && actions.Names.Contains(call.Action):
                    foreach (var (key, value) in actions.Run(call.Action, t.Session, conversation, t.Now))
                    {
                        t.Set(key, value);
                    }

                    break;

                case CallStep:
                    // An action the host does not have: the conversation cannot go on.
                    Stuck(t);
                    return;

                case ComputeStep compute:
                    Compute(t, compute);
                    break;
            }

            if (!DialogMachine.Advance(dialog, conversation, t.Turn))
            {
                Stuck(t);
                return;
            }
        }

        Stuck(t);
    }

    public static void Jump(ConversationTurn t, int target) => DialogMachine.Jump(t.Dialog, t.Conversation, target);

    public static void Stuck(ConversationTurn t)
    {
        t.Fire(ConversationTrigger.Stuck);
        t.Conversation.Outcome = "stuck";
        t.MarkChanged();
        t.Say(SystemTexts.Stuck(t.Language));
        t.SetButtons(Prompts.MenuButtons(t.Turn));
    }

    /// <summary>
    /// At a question a start parameter answered: its value, read as a tap (choices) or as typed (other inputs),
    /// answers it, and the question is passed over like an answered one ("back" returns to it and asks it).
    /// A value that does not fit (the programme closed) is dropped and the owner told once, above the question.
    /// </summary>
    private static bool AnsweredByPreset(ConversationTurn t, AskStep ask)
    {
        var conversation = t.Conversation;
        if (t.Dialog.PresetKeys.Count == 0
            || !t.Dialog.PresetKeys.TryGetValue(ask.SaveAs, out var preset)
            || !conversation.Answers.TryGetValue(preset.Marker, out var waiting))
        {
            return false;
        }

        conversation.RemoveAnswer(preset.Marker);
        if (conversation.History.Contains(ask.Id) || waiting.Text is not { } text)
        {
            return false;
        }

        var options = t.OptionsOf(ask);
        var read = ask.Input.Kind == InputKind.Choice
            ? InputReader.TryReadButton(ask, options, text, out var value)
            : InputReader.TryRead(ask, options, text, out value);
        if (!read)
        {
            t.Say(SystemTexts.PresetUnavailable(t.Language, ask.Input.Kind == InputKind.Choice));
            return false;
        }

        if (!t.Get(ask.SaveAs).Equals(value))
        {
            t.Set(ask.SaveAs, value);
        }

        conversation.History.Add(ask.Id);
        t.MarkChanged();
        return true;
    }

    /// <summary>Sets a compute step's key: from the first case that holds, a weighted sum, or a collected list.</summary>
    private static void Compute(ConversationTurn t, ComputeStep compute)
    {
        var values = t.Turn;
        if (compute.Sum is { Count: > 0 } terms)
        {
            decimal total = 0, weight = 0;
            foreach (var term in terms)
            {
                if (term.Applies is { } applies && !applies.Evaluate(values))
                {
                    continue; // not applicable: out of the sum and of the total
                }

                weight += term.Add;
                if (term.When is null || term.When.Evaluate(values))
                {
                    total += term.Add;
                }
            }

            // scale_to expresses the sum as a share of all the weights, e.g. 0-100.
            if (compute.ScaleTo is { } scale)
            {
                total = weight == 0 ? 0 : Math.Round(total * scale / weight, MidpointRounding.AwayFromZero);
            }

            t.Set(compute.Set, DialogValue.FromNumber(total));
            return;
        }

        if (compute.Collect is { Count: > 0 } items)
        {
            var text = t.Scratch();
            var held = 0;
            foreach (var item in items)
            {
                if ((item.When is null || item.When.Evaluate(values))
                    && held++ >= compute.CollectSkip
                    && (compute.CollectLimit is not { } limit || held <= compute.CollectSkip + limit))
                {
                    (text.Length > 0 ? text.Append(' ') : text).Append(item.Item);
                }
            }

            // Nothing collected leaves the key unset, so that { set: plan } tells whether there is anything to do.
            if (text.Length == 0)
            {
                t.Conversation.RemoveAnswer(compute.Set);
            }
            else
            {
                t.Set(compute.Set, DialogValue.FromList(text.ToString()));
            }

            return;
        }

        foreach (var row in compute.Cases)
        {
            if (row.When is null || row.When.Evaluate(values))
            {
                var value = row.ValueFrom switch
                {
                    null => row.Value,
                    ComputeCase.Today => DialogValue.FromDate(DateOnly.FromDateTime(t.Now.DateTime)),
                    var key => t.Get(key),
                };
                if (value.IsSet)
                {
                    t.Set(compute.Set, value);
                }
                else if (!compute.Set.StartsWith(AskStep.ProfilePrefix, StringComparison.Ordinal))
                {
                    // Copying an unset key unsets this one too (say, no score from last time); a profile value is kept.
                    t.Conversation.RemoveAnswer(compute.Set);
                }

                return;
            }
        }
    }
}
