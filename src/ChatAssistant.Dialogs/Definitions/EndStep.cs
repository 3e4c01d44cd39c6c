using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>Ends the conversation with an outcome that operators can count and segment on.</summary>
public sealed record EndStep(string Id, SourcePosition Position, LocalizedText Text, string Outcome)
    : StepDefinition(Id, Position, [])
{
    public override StepKind Kind => StepKind.End;
}
