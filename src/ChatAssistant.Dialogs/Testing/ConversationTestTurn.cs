using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>
/// What the owner does in one turn (types <see cref="Text"/>, or taps the button labelled <see cref="Text"/>
/// under the last reply) and what the reply must show. <see cref="Number"/> counts from 1 within the case.
/// </summary>
public sealed record ConversationTestTurn(
    int Number,
    SourcePosition Position,
    TurnAction Action,
    string Text,
    IReadOnlyList<ExpectedText> Contains,
    IReadOnlyList<ExpectedText> NotContains,
    ExpectedButtons? Buttons,
    ExpectedText? Step)
{
    /// <summary>The turn as written, for messages: <c>send: 15 juta</c>, <c>tap: Ya</c>.</summary>
    public string Describe() => $"{(Action == TurnAction.Tap ? "tap" : "send")}: {Text}";
}
