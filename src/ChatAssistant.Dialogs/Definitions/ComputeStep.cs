namespace ChatAssistant.Dialogs.Definitions;

/// <summary>Sets <see cref="Set"/> from a condition table (e.g. the business class from annual sales) and moves on.</summary>
public sealed record ComputeStep(
    string Id,
    SourcePosition Position,
    IReadOnlyList<NextRule> Next,
    string Set,
    IReadOnlyList<ComputeCase> Cases) : StepDefinition(Id, Position, Next)
{
    public override StepKind Kind => StepKind.Compute;
}
