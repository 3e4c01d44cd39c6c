using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>
/// One expectation that did not hold, at the place in the test file that states it. <see cref="Expected"/>
/// and <see cref="Actual"/> are shown one under the other when there is something to compare.
/// </summary>
public sealed record ConversationTestFailure(SourcePosition Position, string Problem, string? Expected = null, string? Actual = null);
