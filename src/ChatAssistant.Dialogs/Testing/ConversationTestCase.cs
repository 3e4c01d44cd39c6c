using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>
/// One scripted conversation: an owner with a fresh session in <see cref="Language"/>, optionally with a known
/// profile, sends the <see cref="Turns"/>; then the dialog's conversation is checked. Expectations left out
/// (null or empty) are not checked.
/// </summary>
public sealed record ConversationTestCase(
    string Name,
    SourcePosition Position,
    string Language,
    IReadOnlyList<WrittenValue> Profile,
    IReadOnlyList<ChoiceList> Choices,
    IReadOnlyList<ConversationTestTurn> Turns,
    ExpectedText? Outcome,
    ExpectedText? Status,
    IReadOnlyList<WrittenValue> Answers)
{
    /// <summary>What host actions (<c>call</c> steps) return in this case.</summary>
    public IReadOnlyList<ActionResult> Actions { get; init; } = [];

    /// <summary>The case's person is a programme operator (<c>operator: true</c>), for testing <c>audience: operators</c> dialogs.</summary>
    public bool Operator { get; init; }
}
