using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// How an ask step reads the owner's answer. <see cref="Min"/> and <see cref="Max"/> bound numbers and money
/// by value and text by length. <see cref="Reprompt"/> replaces the built-in re-prompt of the kind.
/// <see cref="OptionsSource"/> names a list filled at run time (e.g. the open training programmes) instead of
/// fixed <see cref="Options"/>.
/// </summary>
public sealed record InputSpec(
    InputKind Kind,
    IReadOnlyList<ChoiceOption> Options,
    decimal? Min,
    decimal? Max,
    LocalizedText? Reprompt,
    string? OptionsSource = null)
{
    /// <summary>
    /// An answer above this is said back for confirmation before it is stored (<c>confirm_above</c>): a value,
    /// or for a date the years from today. Null: the kind's default (see <see cref="Running.Plausibility"/>).
    /// </summary>
    public decimal? ConfirmAbove { get; init; }

    /// <summary>An answer below this (other than 0) is said back for confirmation (<c>confirm_below</c>).</summary>
    public decimal? ConfirmBelow { get; init; }

    /// <summary>
    /// For money: the period the question asks about (<c>per: year</c>). An amount the owner gives per month
    /// at a yearly question is multiplied by 12 and said back for confirmation.
    /// </summary>
    public AmountPeriod Per { get; init; }

    /// <summary>
    /// For a count (<c>self_counts_as</c>): what "sendiri" ("just me") counts as, e.g. 0 when the question asks
    /// for people besides the owner. Null: "sendiri" is not a number there and is asked about.
    /// </summary>
    public int? SelfCountsAs { get; init; }
}
