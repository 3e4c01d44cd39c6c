using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>Tells the owner something and moves on without waiting.</summary>
public sealed record SayStep(string Id, SourcePosition Position, IReadOnlyList<NextRule> Next, LocalizedText Text)
    : StepDefinition(Id, Position, Next)
{
    public override StepKind Kind => StepKind.Say;
}
