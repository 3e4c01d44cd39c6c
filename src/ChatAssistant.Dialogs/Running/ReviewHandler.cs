using System.Globalization;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// The review step: the summary of answers, "benar" to go on, "ubah 3" (or its button) to change answer 3; and
/// editing from it, where later answers that still apply are kept until the review comes back.
/// </summary>
internal static class ReviewHandler
{
    /// <summary>An answer at a review, tapped or typed: go on, change line N, or (typed) explain briefly.</summary>
    public static void Handle(ConversationTurn t, ReviewStep review, AnswerInput input)
    {
        if (TryReadEdit(input, out var number))
        {
            EditFromReview(t, review, number);
        }
        else if (IsConfirmation(input))
        {
            Confirm(t, review);
        }
        else if (input.Typed is { } text)
        {
            // Briefly: the summary is on screen already, and fifteen lines again would bury the one that matters.
            t.Paragraph().Append(SystemTexts.NotUnderstood(t.Language, text)).Append(' ').Append(SystemTexts.ReviewReprompt(t.Language));
            t.SetButtons(t.StepOf(review.Id).Buttons(t.Language));
        }
        else
        {
            t.Say(SystemTexts.Stale(t.Language));
            Show(t, review);
        }
    }

    public static void Show(ConversationTurn t, ReviewStep review)
    {
        t.Say(review.Text);
        var lines = t.Paragraph();
        for (var i = 0; i < review.Items.Count; i++)
        {
            if (i > 0)
            {
                lines.Append('\n');
            }

            var item = review.Items[i];
            lines.Append(i + 1).Append(". ").Append(item.Label.Plain(t.Language)).Append(": ").Append(t.Display(item.Key));
        }

        t.Say(SystemTexts.ReviewHelp(t.Language));
        t.SetButtons(t.StepOf(review.Id).Buttons(t.Language));
    }

    /// <summary>Back at the review after an edit: answers whose questions are no longer on the path are dropped.</summary>
    public static void FinishEditing(ConversationTurn t)
    {
        var conversation = t.Conversation;
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stepId in conversation.History)
        {
            if (t.StepOf(stepId).Definition is AskStep asked)
            {
                onPath.Add(asked.SaveAs);
            }
        }

        foreach (var ask in t.Dialog.Definition.Steps.OfType<AskStep>())
        {
            if (!ask.SavesToProfile && !onPath.Contains(ask.SaveAs))
            {
                conversation.RemoveAnswer(ask.SaveAs);
            }
        }

        t.Fire(ConversationTrigger.BackAtReview);
        conversation.ReviewStepId = null;
        t.MarkChanged();
    }

    /// <summary>The edit button of line N, or typed "ubah 3" / "edit 3" / "ganti 3" / "change 3".</summary>
    private static bool TryReadEdit(AnswerInput input, out int number)
    {
        if (input.IsButton)
        {
            number = 0;
            return input.Button.StartsWith(CompiledStep.ReviewEditPrefix)
                && int.TryParse(input.Button[CompiledStep.ReviewEditPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out number);
        }

        var span = input.Typed.AsSpan().Trim();
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

    /// <summary>The OK button, or typed yes, "benar", "lanjut", "kirim", "correct", "done"...</summary>
    private static bool IsConfirmation(AnswerInput input)
    {
        if (input.IsButton)
        {
            return input.Is(CompiledStep.ReviewOkValue);
        }

        var text = input.Typed ?? string.Empty;
        return (YesNoParser.TryParse(text, out var yes) && yes)
            || text.Trim().ToLowerInvariant() is "benar" or "lanjut" or "lanjutkan" or "selesai" or "kirim" or "correct" or "continue" or "done" or "send";
    }

    private static void Confirm(ConversationTurn t, ReviewStep review)
    {
        t.Conversation.History.Add(review.Id);
        t.MarkChanged();
        StepRunner.Advance(t);
    }

    /// <summary>
    /// Re-asks the question behind review line <paramref name="number"/>. Later questions whose answers are
    /// kept are passed over; only questions the new answer puts on the path are asked; then the review again.
    /// </summary>
    private static void EditFromReview(ConversationTurn t, ReviewStep review, int number)
    {
        var conversation = t.Conversation;
        if (number < 1 || number > review.Items.Count)
        {
            t.Say(SystemTexts.NoSuchLine(t.Language, review.Items.Count));
            t.SetButtons(t.StepOf(review.Id).Buttons(t.Language));
            return;
        }

        var item = review.Items[number - 1];
        var ask = t.Dialog.Definition.Steps.OfType<AskStep>().FirstOrDefault(a => a.SaveAs == item.Key);
        if (ask is null)
        {
            t.Say(SystemTexts.CannotEdit(t.Language, item.Label.Plain(t.Language)));
            Show(t, review);
            return;
        }

        t.Fire(ConversationTrigger.EditFromReview);
        conversation.ReviewStepId = review.Id;
        var answered = conversation.History.LastIndexOf(ask.Id);
        if (answered >= 0)
        {
            conversation.History.RemoveRange(answered, conversation.History.Count - answered);
        }

        StepRunner.Jump(t, t.Dialog.IndexOf(ask.Id));
        t.MarkChanged();
        t.Say(SystemTexts.Editing(t.Language, item.Label.Plain(t.Language), t.Display(ask.SaveAs)));
        Prompts.ShowQuestion(t, ask);
    }
}
