using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>
/// Runs conversation tests in memory against a catalog: each case is a new owner (a fresh session) chatting
/// with a real <see cref="ConversationEngine"/>, turn by turn, the way a channel and the store drive it. No I/O.
/// </summary>
public static class ConversationTestRunner
{
    /// <summary>Diagnostic code: a dialog that no test file names.</summary>
    public const string UntestedDialog = "untested-dialog";

    /// <summary>Diagnostic code: an outcome that no passing case reaches in one of the dialog's languages.</summary>
    public const string UntestedOutcome = "untested-outcome";

    // A fixed clock, a minute per message, so that a case runs the same on every machine and every day.
    private static readonly DateTimeOffset StartTime = new(2025, 3, 10, 9, 0, 0, TimeSpan.FromHours(7));

    public static IReadOnlyList<ConversationTestResult> Run(DialogCatalog catalog, ConversationTestFile file) =>
        file.Cases.Select(c => Run(catalog, file, c)).ToArray();

    public static ConversationTestResult Run(DialogCatalog catalog, ConversationTestFile file, ConversationTestCase testCase)
    {
        var failures = new List<ConversationTestFailure>();
        var dialog = catalog.Find(file.DialogId);
        if (dialog is null)
        {
            failures.Add(new ConversationTestFailure(file.DialogPosition,
                $"dialog '{file.DialogId}' is not loaded: no dialog file has this id, or its file has errors" +
                Suggestions.DidYouMean(file.DialogId, catalog.Dialogs.Select(d => d.Id))));
            return new ConversationTestResult(file, testCase, failures, null, null, null);
        }

        var session = new UserSession(testCase.Language) { IsOperator = testCase.Operator };
        foreach (var preset in testCase.Profile)
        {
            var key = preset.Key.StartsWith(AskStep.ProfilePrefix, StringComparison.Ordinal) ? preset.Key[AskStep.ProfilePrefix.Length..] : preset.Key;
            var input = ProfileInput(catalog, dialog, key);
            if (WrittenValues.TryRead(preset.Value!, preset.Quoted, input, out var value))
            {
                // As the store loads it: known before the conversation, not a change of this turn.
                session.Profile[key] = value;
            }
            else
            {
                failures.Add(new ConversationTestFailure(preset.Position,
                    $"'{preset.Value}' is not a valid {WrittenValues.InputName(input!.Value)} answer to the question that saves profile.{key}"));
            }
        }

        if (failures.Count > 0)
        {
            return new ConversationTestResult(file, testCase, failures, "before the first turn", null, null);
        }

        var engine = new ConversationEngine(catalog, Choices(file, testCase), Actions(file, testCase));
        var now = StartTime;
        OutboundMessage? last = null;
        ConversationState? conversation = null;
        foreach (var turn in testCase.Turns)
        {
            InboundMessage message;
            if (turn.Action == TurnAction.Send)
            {
                message = InboundMessage.FromText(turn.Text);
            }
            else if (last?.Buttons.FirstOrDefault(b => b.Label == turn.Text) is { } button)
            {
                message = InboundMessage.FromButton(button.Data, button.Label);
            }
            else
            {
                failures.Add(last is null
                    ? new ConversationTestFailure(turn.Position, "there is no reply yet whose button could be tapped; start with 'send'")
                    : new ConversationTestFailure(turn.Position,
                        $"the last reply has no button '{turn.Text}'{Suggestions.DidYouMean(turn.Text, last.Buttons.Select(b => b.Label))}"));
                return Stop(file, testCase, turn, failures, last, conversation);
            }

            now = now.AddMinutes(1);
            OutboundMessage reply;
            try
            {
                reply = engine.Handle(session, message, now);
            }
            catch (Exception ex)
            {
                // An engine crash is a bug the test should show, with the turn that caused it, not end the run.
                failures.Add(new ConversationTestFailure(turn.Position, $"the engine failed: {ex.GetType().Name}: {ex.Message}", Actual: ex.StackTrace));
                return Stop(file, testCase, turn, failures, last, conversation);
            }

            conversation = Latest(session, dialog.Id) ?? conversation;
            var step = conversation is { Status: ConversationStatus.Active } ? conversation.StepId : null;

            // What the store does after each message: commit, and finished conversations leave the session.
            session.AcceptChanges();
            last = reply;

            CheckTurn(turn, reply, step, conversation, dialog, failures);
            if (failures.Count > 0)
            {
                return Stop(file, testCase, turn, failures, reply, conversation);
            }
        }

        CheckEnd(testCase, dialog, session, conversation, failures);
        return new ConversationTestResult(file, testCase, failures, failures.Count > 0 ? $"after the last turn ({testCase.Turns.Count})" : null,
            failures.Count > 0 ? last : null, ReachedOutcome(conversation));
    }

    /// <summary>
    /// Warnings for what the results leave untested: a dialog of the catalog that no test file names, and each
    /// outcome that no passing case reaches in each language the dialog declares.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Coverage(DialogCatalog catalog, IEnumerable<ConversationTestResult> results)
    {
        var all = results.ToList();
        var warnings = new List<Diagnostic>();
        foreach (var dialog in catalog.Dialogs)
        {
            var mine = all.Where(r => r.File.DialogId == dialog.Id).ToList();
            if (mine.Count == 0)
            {
                warnings.Add(new Diagnostic(dialog.Definition.Position, DiagnosticSeverity.Warning, UntestedDialog,
                    $"dialog '{dialog.Id}' has no conversation tests (a file in tests/ with 'dialog: {dialog.Id}')"));
                continue;
            }

            var languages = dialog.Definition.Languages.Count > 0 ? dialog.Definition.Languages : [Languages.Indonesian];
            foreach (var end in dialog.Definition.Steps.OfType<EndStep>().DistinctBy(e => e.Outcome))
            {
                foreach (var language in languages)
                {
                    if (!mine.Any(r => r.Passed && r.Case.Language == language && r.Outcome == end.Outcome))
                    {
                        warnings.Add(new Diagnostic(end.Position, DiagnosticSeverity.Warning, UntestedOutcome,
                            $"no passing conversation test reaches outcome '{end.Outcome}' in language '{language}'"));
                    }
                }
            }
        }

        return warnings;
    }

    /// <summary>A failed turn ends the case: what follows it would only repeat the same difference.</summary>
    private static ConversationTestResult Stop(
        ConversationTestFile file, ConversationTestCase testCase, ConversationTestTurn turn, List<ConversationTestFailure> failures, OutboundMessage? reply, ConversationState? conversation)
    {
        var stage = $"turn {turn.Number} of {testCase.Turns.Count} (line {turn.Position.Line}, {turn.Describe()})";
        stage += (testCase.Turns.Count - turn.Number) switch
        {
            0 => "; the end checks were not run",
            1 => $"; turn {testCase.Turns.Count} and the end checks were not run",
            _ => $"; turns {turn.Number + 1}-{testCase.Turns.Count} and the end checks were not run",
        };

        return new ConversationTestResult(file, testCase, failures, stage, reply, ReachedOutcome(conversation));
    }

    private static void CheckTurn(
        ConversationTestTurn turn, OutboundMessage reply, string? step, ConversationState? conversation, CompiledDialog dialog, List<ConversationTestFailure> failures)
    {
        var text = Collapse(reply.Text);
        foreach (var expected in turn.Contains)
        {
            if (!text.Contains(Collapse(expected.Value!), StringComparison.Ordinal))
            {
                failures.Add(new ConversationTestFailure(expected.Position, "the reply does not contain the expected text", expected.Value));
            }
        }

        foreach (var unwanted in turn.NotContains)
        {
            if (text.Contains(Collapse(unwanted.Value!), StringComparison.Ordinal))
            {
                failures.Add(new ConversationTestFailure(unwanted.Position, "the reply contains text it should not", "no " + unwanted.Value));
            }
        }

        if (turn.Buttons is { } buttons && !buttons.Labels.SequenceEqual(reply.Buttons.Select(b => b.Label), StringComparer.Ordinal))
        {
            failures.Add(new ConversationTestFailure(buttons.Position, "the buttons differ",
                ConversationTestResult.Labels(buttons.Labels), ConversationTestResult.Labels(reply.Buttons.Select(b => b.Label))));
        }

        if (turn.Step is { } expectedStep && expectedStep.Value != step)
        {
            var known = expectedStep.Value is null || dialog.HasStep(expectedStep.Value)
                ? string.Empty
                : $"; '{expectedStep.Value}' is not a step of {dialog.Id}{Suggestions.DidYouMean(expectedStep.Value, dialog.Definition.Steps.Select(s => s.Id))}";
            failures.Add(new ConversationTestFailure(expectedStep.Position, "the conversation waits at another step" + known,
                expectedStep.Value ?? "~ (no active conversation)", step ?? $"~ (no active conversation of {dialog.Id}: {Describe(conversation)})"));
        }
    }

    private static void CheckEnd(
        ConversationTestCase testCase, CompiledDialog dialog, UserSession session, ConversationState? conversation, List<ConversationTestFailure> failures)
    {
        if (testCase.Outcome is { } outcome && outcome.Value != conversation?.Outcome)
        {
            var declared = dialog.Definition.Steps.OfType<EndStep>().Select(e => e.Outcome).Distinct().ToList();
            var known = outcome.Value is null || declared.Contains(outcome.Value)
                ? string.Empty
                : $"; '{outcome.Value}' is not an outcome of {dialog.Id}{Suggestions.DidYouMean(outcome.Value, declared)}";
            failures.Add(new ConversationTestFailure(outcome.Position, "another outcome" + known,
                outcome.Value ?? "~ (none)", conversation?.Outcome ?? $"~ (none: {Describe(conversation)})"));
        }

        if (testCase.Status is { } status && status.Value != StatusName(conversation))
        {
            failures.Add(new ConversationTestFailure(status.Position, "another status", status.Value, Describe(conversation)));
        }

        foreach (var answer in testCase.Answers)
        {
            var actual = Answer(answer.Key, session, conversation);
            if (!WrittenValues.Matches(actual, answer.Value))
            {
                var problem = actual.IsSet && answer.Value is not null && actual.Kind != ValueKind.Text
                    ? $"answer '{answer.Key}' differs (it is {WrittenValues.KindName(actual.Kind)})"
                    : $"answer '{answer.Key}' differs";
                failures.Add(new ConversationTestFailure(answer.Position, problem, answer.Value ?? "~ (not set)", WrittenValues.Write(actual)));
            }
        }
    }

    private static DialogValue Answer(string key, UserSession session, ConversationState? conversation)
    {
        if (key.StartsWith(AskStep.ProfilePrefix, StringComparison.Ordinal))
        {
            return session.Profile.GetValueOrDefault(key[AskStep.ProfilePrefix.Length..]);
        }

        return conversation?.Answers.GetValueOrDefault(key) ?? DialogValue.None;
    }

    /// <summary>The conversation of this dialog the owner had last; a new run after a finished one replaces it.</summary>
    private static ConversationState? Latest(UserSession session, string dialogId) =>
        session.Conversations.LastOrDefault(c => c.DialogId == dialogId);

    private static string? ReachedOutcome(ConversationState? conversation) =>
        conversation is { Status: ConversationStatus.Completed } ? conversation.Outcome : null;

    private static string? StatusName(ConversationState? conversation) => conversation?.Status.ToString().ToLowerInvariant();

    private static string Describe(ConversationState? conversation) =>
        conversation is null ? "the dialog was never started" : StatusName(conversation)!;

    /// <summary>The input kind of the question (in this dialog first, then any) that saves <c>profile.key</c>; null when none does.</summary>
    private static InputKind? ProfileInput(DialogCatalog catalog, CompiledDialog dialog, string key)
    {
        var saveAs = AskStep.ProfilePrefix + key;
        return dialog.Definition.Steps.Concat(catalog.Dialogs.SelectMany(d => d.Definition.Steps))
            .OfType<AskStep>()
            .FirstOrDefault(a => a.SaveAs == saveAs)?.Input.Kind;
    }

    private static FixedChoiceSources Choices(ConversationTestFile file, ConversationTestCase testCase)
    {
        var lists = new Dictionary<string, IReadOnlyList<ChoiceOption>>(StringComparer.Ordinal);
        foreach (var list in file.Choices.Concat(testCase.Choices))
        {
            lists[list.Name] = list.Options; // a case's own list replaces the file's list of that name
        }

        return new FixedChoiceSources(lists);
    }

    private static FixedDialogActions Actions(ConversationTestFile file, ConversationTestCase testCase)
    {
        var results = new Dictionary<string, IReadOnlyList<WrittenValue>>(StringComparer.Ordinal);
        foreach (var result in file.Actions.Concat(testCase.Actions))
        {
            results[result.Name] = result.Values; // a case's own result replaces the file's of that name
        }

        return new FixedDialogActions(results);
    }

    /// <summary>Runs of whitespace as one space, so that a paragraph break in the reply matches a space in the test.</summary>
    internal static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                result.Append(' ');
                space = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
