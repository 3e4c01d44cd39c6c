using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// Asks a question, waits for a valid answer and saves it under <see cref="SaveAs"/>. A <c>profile.*</c> key
/// that is already known is offered for confirmation instead of asked again, unless <see cref="ConfirmKnown"/>
/// is off. With <see cref="Help"/>, an extra "Apa ini?" button (or typing it) explains the question.
/// </summary>
public sealed record AskStep(
    string Id,
    SourcePosition Position,
    IReadOnlyList<NextRule> Next,
    LocalizedText Question,
    InputSpec Input,
    string SaveAs,
    bool ConfirmKnown = true,
    LocalizedText? Help = null) : StepDefinition(Id, Position, Next)
{
    public const string ProfilePrefix = "profile.";

    public override StepKind Kind => StepKind.Ask;

    public bool SavesToProfile => SaveAs.StartsWith(ProfilePrefix, StringComparison.Ordinal);
}
