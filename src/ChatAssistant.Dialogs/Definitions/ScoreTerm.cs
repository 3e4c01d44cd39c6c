using ChatAssistant.Dialogs.Conditions;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// A row of a compute step's <c>sum</c>: <see cref="Add"/> counts when <see cref="When"/> holds (always without one).
/// A row whose <see cref="Applies"/> does not hold ("not applicable": halal for a non-food product) is left out of
/// the sum and of the total it is scaled against, so it is neither a plus nor a minus.
/// </summary>
public sealed record ScoreTerm(Condition? When, decimal Add, SourcePosition Position)
{
    public Condition? Applies { get; init; }
}
