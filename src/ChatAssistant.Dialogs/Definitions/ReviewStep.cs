using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// Shows a numbered summary of answers and waits: the owner confirms, or types "ubah 3" / "edit 3" to change
/// answer 3. Changing one answer keeps every later answer that still applies and asks only what the change
/// makes newly needed, then comes back here.
/// </summary>
public sealed record ReviewStep(
    string Id,
    SourcePosition Position,
    IReadOnlyList<NextRule> Next,
    LocalizedText Text,
    IReadOnlyList<ReviewItem> Items) : StepDefinition(Id, Position, Next)
{
    public override StepKind Kind => StepKind.Review;
}
