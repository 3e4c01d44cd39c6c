using ChatAssistant.Dialogs.Conditions;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// A row of a compute step's table: the first row whose condition holds gives the value, either
/// <see cref="Value"/> or, with <see cref="ValueFrom"/>, the value another key holds at that moment
/// (e.g. last time's score from the profile; <c>today</c> is the current date).
/// </summary>
public sealed record ComputeCase(Condition? When, DialogValue Value, SourcePosition Position, string? ValueFrom = null)
{
    /// <summary>The <c>value_from</c> name that gives the current date rather than a key's value.</summary>
    public const string Today = "today";
}
