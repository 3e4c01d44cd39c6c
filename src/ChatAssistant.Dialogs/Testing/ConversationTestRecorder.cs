using System.Text;
using System.Text.RegularExpressions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Texts;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>One expectation re-recorded: where, in which case, and the value before and after.</summary>
public sealed record RecordedChange(int Line, string CaseName, string Before, string After);

/// <summary>A test file's text after re-recording, what changed, and the failures that could not be re-recorded.</summary>
public sealed record RecordResult(string Text, IReadOnlyList<RecordedChange> Changes, IReadOnlyList<string> NotRecorded);

/// <summary>
/// <c>dialogs test --update</c>: after an intended wording change, re-records the expected reply texts and button
/// labels of failing turns from what the dialogs now say. Each failing text is replaced by the most similar part
/// of the actual reply, in place in the file's text (the rest of the file, comments and layout, is untouched).
/// A case is run again after each change, since a failing turn hides the turns after it. Only wording is
/// re-recorded: a different step, outcome or answer is a behaviour change, left for the maintainer.
/// </summary>
public static partial class ConversationTestRecorder
{
    private const string MissingText = "the reply does not contain the expected text";
    private const string OtherButtons = "the buttons differ";

    public static RecordResult Rerecord(DialogCatalog catalog, DialogSource source, int maxRounds = 200)
    {
        var text = source.Text;
        var changes = new List<RecordedChange>();
        var notRecorded = new List<string>();
        for (var round = 0; round < maxRounds; round++)
        {
            var read = ConversationTestReader.Read(source with { Text = text });
            if (read.File is null)
            {
                notRecorded.Add($"{source.Path}: the file has errors; fix them first");
                break;
            }

            var edits = new List<(Mark Start, Mark End, string Replacement, RecordedChange Change)>();
            notRecorded.Clear();
            foreach (var testCase in read.File.Cases)
            {
                var result = ConversationTestRunner.Run(catalog, read.File, testCase);
                if (result.Passed)
                {
                    continue;
                }

                var fixable = result.Failures.Where(f => f.Problem is MissingText or OtherButtons).ToList();
                if (fixable.Count != result.Failures.Count || result.Reply is null)
                {
                    notRecorded.Add(result.Report());
                    continue;
                }

                var planned = new List<(Mark, Mark, string, RecordedChange)>();
                foreach (var failure in fixable)
                {
                    if (Plan(text, failure, result.Reply, testCase.Name) is { } edit)
                    {
                        planned.Add(edit);
                    }
                }

                if (planned.Count == fixable.Count)
                {
                    edits.AddRange(planned);
                }
                else
                {
                    notRecorded.Add(result.Report());
                }
            }

            if (edits.Count == 0)
            {
                break;
            }

            // From the end of the file backwards, so that each edit leaves the others' offsets valid.
            foreach (var (start, end, replacement, change) in edits.OrderByDescending(e => e.Start.Index))
            {
                text = string.Concat(text.AsSpan(0, (int)start.Index), replacement, text.AsSpan((int)end.Index));
                changes.Add(change);
            }
        }

        return new RecordResult(text, changes.OrderBy(c => c.Line).ToList(), notRecorded);
    }

    private static (Mark, Mark, string, RecordedChange)? Plan(string text, ConversationTestFailure failure, Messages.OutboundMessage reply, string caseName)
    {
        if (FindNode(text, failure.Position.Line, failure.Position.Column) is not { } node)
        {
            return null;
        }

        if (failure.Problem == OtherButtons)
        {
            var labels = reply.Buttons.Select(b => b.Label).ToList();
            var rendered = "[" + string.Join(", ", labels.Select(l => Render(l, plainAllowed: true))) + "]";
            return (node.Start, node.End, rendered, new RecordedChange(failure.Position.Line, caseName, text[(int)node.Start.Index..(int)node.End.Index], rendered));
        }

        var expected = failure.Expected ?? string.Empty;
        if (BestMatch(ConversationTestRunner.Collapse(reply.Text), ConversationTestRunner.Collapse(expected)) is not { } found)
        {
            return null;
        }

        var replacement = Render(found, plainAllowed: node.Plain);
        return (node.Start, node.End, replacement, new RecordedChange(failure.Position.Line, caseName, expected, found));
    }

    /// <summary>The scalar or sequence written at a line and column, with its extent in the text.</summary>
    private static (Mark Start, Mark End, bool Plain)? FindNode(string text, int line, int column)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is not NodeEvent node || node.Start.Line != line || node.Start.Column != column)
                {
                    continue;
                }

                if (node is Scalar scalar)
                {
                    return (scalar.Start, scalar.End, scalar.Style == ScalarStyle.Plain);
                }

                if (node is SequenceStart)
                {
                    var depth = 1;
                    while (depth > 0 && parser.MoveNext())
                    {
                        depth += parser.Current switch
                        {
                            SequenceStart or MappingStart => 1,
                            SequenceEnd or MappingEnd => -1,
                            _ => 0,
                        };
                    }

                    // YamlDotNet ends a flow sequence's extent before its ']': take the bracket too.
                    var end = parser.Current!.End;
                    if (end.Index < text.Length && text[(int)end.Index] == ']')
                    {
                        end = new Mark(end.Index + 1, end.Line, end.Column + 1);
                    }

                    return (node.Start, end, false);
                }

                return null;
            }
        }
        catch (YamlException)
        {
            return null;
        }

        return null;
    }

    /// <summary>
    /// The part of the reply most like the expected text: a run of whole words of about the same length, or null
    /// when nothing in the reply is close enough to be the same text reworded.
    /// </summary>
    internal static string? BestMatch(string reply, string expected)
    {
        var words = reply.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var wanted = Math.Max(1, expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

        // A whole sentence expected is re-recorded as a whole sentence (not the old words inside a longer new one).
        var endsSentence = expected.Length > 0 && SentenceEnd(expected);
        var startsSentence = expected.Length > 0 && char.IsUpper(expected[0]);
        return Best(sentences: true) ?? Best(sentences: false);

        string? Best(bool sentences)
        {
            string? best = null;
            var bestScore = double.MaxValue;
            for (var count = 1; count <= Math.Min(words.Length, wanted * 2 + 3); count++)
            {
                for (var start = 0; start + count <= words.Length; start++)
                {
                    if (sentences && ((endsSentence && !SentenceEnd(words[start + count - 1]))
                        || (startsSentence && start > 0 && !SentenceEnd(words[start - 1]))))
                    {
                        continue;
                    }

                    var candidate = string.Join(' ', words, start, count);
                    var score = (double)EditDistance.Between(candidate, expected) / Math.Max(candidate.Length, expected.Length);
                    if (score < bestScore)
                    {
                        best = candidate;
                        bestScore = score;
                    }
                }
            }

            // A whole sentence may be reworded more than a fragment and still be the same sentence.
            return bestScore <= (sentences ? 0.8 : 0.6) ? best : null;
        }
    }

    private static bool SentenceEnd(string text) => text[^1] is '.' or '?' or '!' or ':';

    /// <summary>Plain when the value was plain and reads the same in every YAML tool, else double-quoted.</summary>
    private static string Render(string value, bool plainAllowed)
    {
        if (plainAllowed && SafePlain().IsMatch(value) && YamlEventCheck.Yaml11Reading(value, inFlow: true) is null && !YamlEventCheck.IsYesNoWord(value))
        {
            return value;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    [GeneratedRegex(@"^[\p{L}0-9][\p{L}0-9 .'()/&+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafePlain();
}
