using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>Asks a question, waits for a valid answer and saves it under <see cref="SaveAs"/>.</summary>
public sealed record AskStep(
    string Id,
    SourcePosition Position,
    IReadOnlyList<NextRule> Next,
    LocalizedText Question,
    InputSpec Input,
    string SaveAs) : StepDefinition(Id, Position, Next)
{
    public override StepKind Kind => StepKind.Ask;
}
