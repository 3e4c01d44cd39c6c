using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>
/// One file of conversation tests (<c>dialogs/tests/*.yaml</c>): the dialog it tests, the run-time choice lists
/// every case shares, and the cases.
/// </summary>
public sealed record ConversationTestFile(
    string Path,
    string DialogId,
    SourcePosition DialogPosition,
    IReadOnlyList<ChoiceList> Choices,
    IReadOnlyList<ConversationTestCase> Cases)
{
    /// <summary>What host actions return for every case; a case's own result replaces the file's of that name.</summary>
    public IReadOnlyList<ActionResult> Actions { get; init; } = [];
}
