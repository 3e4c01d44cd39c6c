using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Checks a whole dialog once it is read: references between steps, reachability, ways out, placeholders and
/// the limits of the channels the host will show the dialog on.
/// </summary>
internal static class DialogValidator
{
    /// <param name="channels">The limits of the channels the host shows dialogs on; none are checked when empty.</param>
    public static void Validate(DialogDefinition dialog, List<Diagnostic> diagnostics, IReadOnlyList<ChannelLimits> channels)
    {
        var byId = dialog.Steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var stepIds = byId.Keys.ToList();
        var saved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in dialog.Steps)
        {
            switch (step)
            {
                case AskStep ask:
                    saved.Add(ask.SaveAs);
                    break;
                case ComputeStep compute:
                    saved.Add(compute.Set);
                    break;
                case CallStep call:
                    saved.UnionWith(call.Sets);
                    break;
            }
        }

        foreach (var step in dialog.Steps)
        {
            foreach (var rule in step.Next)
            {
                if (!byId.ContainsKey(rule.Goto))
                {
                    diagnostics.Add(Error(rule.Position, DiagnosticCodes.UnknownStep,
                        $"step '{step.Id}' goes to '{rule.Goto}', which does not exist{Suggestions.DidYouMean(rule.Goto, stepIds)}"));
                }
            }

            if (step.Kind != StepKind.End)
            {
                if (step.Next.Count == 0)
                {
                    diagnostics.Add(Error(step.Position, DiagnosticCodes.DeadEnd,
                        $"step '{step.Id}' has no way out: add 'next', or make it an 'end' step"));
                }
                else if (step.Next[^1].When is not null)
                {
                    diagnostics.Add(Warning(step.Next[^1].Position, DiagnosticCodes.DeadEnd,
                        $"step '{step.Id}' has no default 'next' (a rule without 'when'); the owner is stuck when no condition holds"));
                }
            }

            CheckPlaceholders(dialog, step, saved, diagnostics);
            if (step is ReviewStep review)
            {
                CheckReview(dialog, review, diagnostics);
            }

            if (step is ComputeStep { Collect: { } collected })
            {
                // A collected item shows as its label; without one the owner would read a bare key.
                foreach (var item in collected.Where(i => !dialog.Labels.ContainsKey(i.Item)))
                {
                    diagnostics.Add(Warning(item.Position, DiagnosticCodes.UnknownAnswer,
                        $"step '{step.Id}' collects '{item.Item}', which has no label; the owner would read the bare key{Suggestions.DidYouMean(item.Item, dialog.Labels.Keys)}"));
                }
            }

            if (step is AskStep { Input.Kind: InputKind.Choice, Input.OptionsSource: null } choice)
            {
                CheckChannelLimits(choice, channels, diagnostics);
            }
        }

        CheckReachability(dialog, byId, diagnostics);
        CheckAutomaticLoops(dialog, byId, diagnostics);
        CheckAudienceAndParameters(dialog, diagnostics);
    }

    private static void CheckAudienceAndParameters(DialogDefinition dialog, List<Diagnostic> diagnostics)
    {
        if (dialog.Audience == DialogAudience.Operators && dialog.MenuPosition is { } menu)
        {
            diagnostics.Add(Error(menu, DiagnosticCodes.BadValue,
                "operator dialogs are not shown in the owners' menu: remove 'menu' (operators start it by its command)"));
        }

        if (dialog.Parameters.Count == 0)
        {
            return;
        }

        var asked = dialog.Steps.OfType<AskStep>().Select(a => a.SaveAs).ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in dialog.Parameters)
        {
            if (parameter.Key.StartsWith(AskStep.ProfilePrefix, StringComparison.Ordinal))
            {
                // A link must not overwrite what the owner's profile says about them in every dialog.
                diagnostics.Add(Error(parameter.Position, DiagnosticCodes.BadValue,
                    $"parameter '{parameter.Key}' is a profile key; a start command may only preset this dialog's own answers"));
            }
            else if (!asked.Contains(parameter.Key))
            {
                diagnostics.Add(Error(parameter.Position, DiagnosticCodes.UnknownAnswer,
                    $"parameter '{parameter.Key}' is not saved by any 'ask' step of this dialog{Suggestions.DidYouMean(parameter.Key, asked.Where(k => !k.StartsWith(AskStep.ProfilePrefix, StringComparison.Ordinal)))}"));
            }
        }
    }

    private static void CheckReachability(DialogDefinition dialog, Dictionary<string, StepDefinition> byId, List<Diagnostic> diagnostics)
    {
        if (!byId.ContainsKey(dialog.Start))
        {
            return;
        }

        var reached = new HashSet<string>(StringComparer.Ordinal) { dialog.Start };
        var queue = new Queue<string>([dialog.Start]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var rule in byId[id].Next)
            {
                if (byId.ContainsKey(rule.Goto) && reached.Add(rule.Goto))
                {
                    queue.Enqueue(rule.Goto);
                }
            }
        }

        foreach (var step in dialog.Steps.Where(s => !reached.Contains(s.Id)))
        {
            diagnostics.Add(Warning(step.Position, DiagnosticCodes.UnreachableStep,
                $"step '{step.Id}' cannot be reached from start step '{dialog.Start}'"));
        }
    }

    /// <summary>Say and compute steps run without waiting; a loop made only of them would never stop.</summary>
    private static void CheckAutomaticLoops(DialogDefinition dialog, Dictionary<string, StepDefinition> byId, List<Diagnostic> diagnostics)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in dialog.Steps)
        {
            if (Visit(step.Id) is { } loop)
            {
                diagnostics.Add(Error(loop.Position, DiagnosticCodes.DeadEnd,
                    $"steps loop through '{loop.Id}' without asking anything; the conversation would never stop"));
                return;
            }
        }

        StepDefinition? Visit(string id)
        {
            if (!byId.TryGetValue(id, out var step) || step.Kind is StepKind.Ask or StepKind.Review or StepKind.End)
            {
                return null;
            }

            switch (state.GetValueOrDefault(id))
            {
                case 1:
                    return step;
                case 2:
                    return null;
            }

            state[id] = 1;
            foreach (var rule in step.Next)
            {
                if (Visit(rule.Goto) is { } loop)
                {
                    return loop;
                }
            }

            state[id] = 2;
            return null;
        }
    }

    private static void CheckPlaceholders(DialogDefinition dialog, StepDefinition step, HashSet<string> saved, List<Diagnostic> diagnostics)
    {
        var texts = step switch
        {
            SayStep say => [say.Text],
            AskStep ask => new[] { ask.Question, ask.Input.Reprompt, ask.Help }.OfType<LocalizedText>().ToArray(),
            EndStep end => [end.Text],
            ReviewStep review => [review.Text],
            _ => Array.Empty<LocalizedText>(),
        };
        foreach (var text in texts)
        {
            foreach (var name in text.ByLanguage.Values.SelectMany(t => t.Placeholders).Distinct())
            {
                if (!saved.Contains(name) && !name.StartsWith("profile.", StringComparison.Ordinal) && !dialog.Labels.ContainsKey(name))
                {
                    diagnostics.Add(Warning(step.Position, DiagnosticCodes.UnknownAnswer,
                        $"step '{step.Id}' shows '{{{name}}}', but no step saves or computes '{name}'{Suggestions.DidYouMean(name, saved)}"));
                }
            }
        }
    }

    /// <summary>A review line can be changed only if an ask step saves it; a computed one is shown, not edited.</summary>
    private static void CheckReview(DialogDefinition dialog, ReviewStep review, List<Diagnostic> diagnostics)
    {
        foreach (var item in review.Items)
        {
            if (!dialog.Steps.OfType<AskStep>().Any(a => a.SaveAs == item.Key) && dialog.Steps.OfType<ComputeStep>().Any(c => c.Set == item.Key))
            {
                diagnostics.Add(Warning(item.Position, DiagnosticCodes.UnknownAnswer,
                    $"review line '{item.Key}' is computed, not asked: it is shown but the owner cannot change it directly"));
            }
        }
    }

    private static void CheckChannelLimits(AskStep step, IReadOnlyList<ChannelLimits> channels, List<Diagnostic> diagnostics)
    {
        var options = step.Input.Options;
        foreach (var channel in channels)
        {
            if (options.Count > channel.MaxListRows)
            {
                diagnostics.Add(Warning(step.Position, DiagnosticCodes.ChannelLimit,
                    $"step '{step.Id}' has {options.Count} options; {channel.Name} lists show at most {channel.MaxListRows}, so the rest are paged"));
            }
            else if (options.Count > channel.MaxReplyButtons)
            {
                diagnostics.Add(Warning(step.Position, DiagnosticCodes.ChannelLimit,
                    $"step '{step.Id}' has {options.Count} options; {channel.Name} shows at most {channel.MaxReplyButtons} reply buttons, so they become a list"));
            }
        }

        // "Apa ini?" is one more button, so help can make three options a list.
        var buttons = options.Count + (step.Help is null ? 0 : 1);
        foreach (var option in options)
        {
            foreach (var channel in channels)
            {
                CheckLabelLength(option, buttons, channel, diagnostics);
            }

            // A tapped button sends its tap token and the value (ButtonData.ForTap).
            foreach (var channel in channels)
            {
                if (channel.MaxButtonDataBytes is { } limit && ButtonData.TapBytes(option.Value) > limit)
                {
                    diagnostics.Add(Error(option.Position, DiagnosticCodes.ChannelLimit,
                        $"option value '{option.Value}' makes button data over {limit} bytes, {channel.Name}'s limit, with the {ButtonData.TokenLength}-character tap token; keep it within {limit - ButtonData.TokenLength - 1} bytes"));
                }
            }
        }
    }

    /// <summary>
    /// A label longer than the channel shows is a warning: the sender uses its <c>short:</c> label, or shortens it at
    /// a word with the full text in the list row's description (a question of up to 3 options with a label over the
    /// reply button's limit becomes a list). A short label over the limit of where it is shown is an error.
    /// </summary>
    private static void CheckLabelLength(ChoiceOption option, int buttons, ChannelLimits channel, List<Diagnostic> diagnostics)
    {
        if (channel.MaxButtonLabel is not { } buttonLimit)
        {
            return;
        }

        var asButtons = channel.MaxReplyButtons is not { } most || buttons <= most;
        var rowLimit = channel.MaxListRowLabel ?? buttonLimit;
        var limit = asButtons ? buttonLimit : rowLimit;
        foreach (var (language, label) in option.Label.ByLanguage)
        {
            var length = label.Source.Trim().Length;
            var shortLabel = option.Short?.ByLanguage.GetValueOrDefault(language)?.Source.Trim();
            if (shortLabel is not null && shortLabel.Length > limit)
            {
                diagnostics.Add(Error(option.Position, DiagnosticCodes.ChannelLimit,
                    $"the '{language}' short label of option '{option.Value}' has {shortLabel.Length} characters; {channel.Name} {(asButtons ? "buttons" : "list rows")} show {limit}"));
            }
            else if (shortLabel is null && length > limit)
            {
                var what = $"the '{language}' label of option '{option.Value}' has {length} characters; {channel.Name} {(asButtons ? "buttons" : "list rows")} show {limit}";
                diagnostics.Add(Warning(option.Position, DiagnosticCodes.ChannelLimit, (asButtons && channel.MaxListRowLabel is not null, length <= rowLimit) switch
                {
                    (true, true) => $"{what}, so the options are shown as a list; a 'short:' label of up to {limit} keeps them buttons",
                    (true, false) => $"{what} and list rows {rowLimit}, so the options are shown as a list and this label shortened at a word, with the full text in the row description; or give it a 'short:' label of up to {limit}",
                    _ => $"{what}, so it is shortened at a word, with the full text in the row description; or give it a 'short:' label of up to {limit}",
                }));
            }
        }
    }

    private static Diagnostic Error(SourcePosition at, string code, string message) => new(at, DiagnosticSeverity.Error, code, message);

    private static Diagnostic Warning(SourcePosition at, string code, string message) => new(at, DiagnosticSeverity.Warning, code, message);
}
