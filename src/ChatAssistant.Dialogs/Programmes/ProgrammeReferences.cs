using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Programmes;

/// <summary>
/// A text that shows a programme rule that does not exist is an error, not the usual warning for an unknown
/// placeholder: the owner would read "-" where a threshold or a source should be.
/// </summary>
internal static class ProgrammeReferences
{
    public static void Check(DialogDefinition dialog, DialogSource source, ProgrammeData? programmes, List<Diagnostic> diagnostics)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in Texts(dialog))
        {
            foreach (var name in text.ByLanguage.Values.SelectMany(t => t.Placeholders))
            {
                if (!name.StartsWith(ProgrammeData.Prefix, StringComparison.Ordinal) || dialog.Labels.ContainsKey(name) || !reported.Add(name))
                {
                    continue;
                }

                diagnostics.Add(new Diagnostic(Find(source, "{" + name + "}") ?? dialog.Position, DiagnosticSeverity.Error, DiagnosticCodes.UnknownRule,
                    programmes is null
                        ? $"'{{{name}}}' shows a programme rule, but there is no programme data file (data/programmes.yaml) or it has errors"
                        : $"no programme rule '{name}' in {programmes.Path}{Suggestions.DidYouMean(name, programmes.Labels.Keys)}"));
            }
        }
    }

    private static IEnumerable<LocalizedText> Texts(DialogDefinition dialog)
    {
        foreach (var label in dialog.Labels.Values)
        {
            yield return label;
        }

        foreach (var step in dialog.Steps)
        {
            switch (step)
            {
                case SayStep say:
                    yield return say.Text;
                    break;
                case EndStep end:
                    yield return end.Text;
                    break;
                case ReviewStep review:
                    yield return review.Text;
                    break;
                case AskStep ask:
                    yield return ask.Question;
                    if (ask.Input.Reprompt is { } reprompt)
                    {
                        yield return reprompt;
                    }

                    if (ask.Help is { } help)
                    {
                        yield return help;
                    }

                    break;
            }
        }
    }

    private static SourcePosition? Find(DialogSource source, string written)
    {
        var index = source.Text.IndexOf(written, StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (source.Text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourcePosition(source.Path, line, index - lineStart + 1);
    }
}
