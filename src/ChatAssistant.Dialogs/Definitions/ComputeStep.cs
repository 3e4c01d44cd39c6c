namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// Sets <see cref="Set"/> and moves on: from a condition table (<see cref="Cases"/>, e.g. the business class
/// from annual sales), a weighted sum (<see cref="Sum"/>, optionally scaled to <see cref="ScaleTo"/>), or a
/// list of label keys (<see cref="Collect"/>, e.g. an action plan). Exactly one of the three is non-empty.
/// </summary>
public sealed record ComputeStep(
    string Id,
    SourcePosition Position,
    IReadOnlyList<NextRule> Next,
    string Set,
    IReadOnlyList<ComputeCase> Cases,
    IReadOnlyList<ScoreTerm>? Sum = null,
    decimal? ScaleTo = null,
    IReadOnlyList<CollectItem>? Collect = null) : StepDefinition(Id, Position, Next)
{
    public override StepKind Kind => StepKind.Compute;

    /// <summary>For <see cref="Collect"/>: how many of the items that hold are skipped first (e.g. the top 5 shown elsewhere).</summary>
    public int CollectSkip { get; init; }

    /// <summary>For <see cref="Collect"/>: the most items kept after <see cref="CollectSkip"/> (e.g. a plan's top 5); null keeps all.</summary>
    public int? CollectLimit { get; init; }
}
