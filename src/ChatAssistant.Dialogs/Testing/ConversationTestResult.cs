using System.Text;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>
/// How one case went. A failed case stops at its first failing turn: <see cref="Stage"/> says where (the turn and
/// its line, or the end checks) and <see cref="Reply"/> is the last reply the owner saw there.
/// </summary>
public sealed record ConversationTestResult(
    ConversationTestFile File,
    ConversationTestCase Case,
    IReadOnlyList<ConversationTestFailure> Failures,
    string? Stage,
    OutboundMessage? Reply,
    string? Outcome)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>Where the case is written: <c>dialogs/tests/x.yaml:12</c>.</summary>
    public string Location => $"{File.Path}:{Case.Position.Line}";

    /// <summary>One line: <c>PASS dialogs/tests/x.yaml:12 eligible micro business [id]</c>.</summary>
    public string Summary => $"{(Passed ? "PASS" : "FAIL")} {Location} {Case.Name} [{Case.Language}]";

    /// <summary>The summary line and, for a failure, what was expected against what happened.</summary>
    public string Report()
    {
        var text = new StringBuilder(Summary);
        if (Passed)
        {
            return text.ToString();
        }

        var indent = "  ";
        if (Stage is not null)
        {
            text.Append('\n').Append(indent).Append(Stage);
            indent = "    ";
        }

        foreach (var failure in Failures)
        {
            text.Append('\n').Append(indent).Append(failure.Position).Append(": ").Append(failure.Problem);
            if (failure.Expected is not null)
            {
                AppendBlock(text, indent + "  ", "expected: ", failure.Expected);
            }

            if (failure.Actual is not null)
            {
                AppendBlock(text, indent + "  ", "actual:   ", failure.Actual);
            }
        }

        if (Reply is not null)
        {
            text.Append('\n').Append(indent).Append("the last reply was:");
            foreach (var line in Reply.Text.Split('\n'))
            {
                text.Append('\n').Append(indent).Append("  |");
                if (line.Length > 0)
                {
                    text.Append(' ').Append(line);
                }
            }

            text.Append('\n').Append(indent).Append("  buttons: ").Append(Labels(Reply.Buttons.Select(b => b.Label)));
        }

        return text.ToString();
    }

    public override string ToString() => Summary;

    internal static string Labels(IEnumerable<string> labels)
    {
        var list = labels.ToList();
        return list.Count == 0 ? "(none)" : "[" + string.Join(", ", list) + "]";
    }

    /// <summary>A value under its label; a value of several lines continues under the first, aligned.</summary>
    private static void AppendBlock(StringBuilder text, string indent, string label, string value)
    {
        var lines = value.Split('\n');
        text.Append('\n').Append(indent).Append(label).Append(lines[0]);
        for (var i = 1; i < lines.Length; i++)
        {
            text.Append('\n').Append(indent).Append(' ', label.Length).Append(lines[i]);
        }
    }
}
