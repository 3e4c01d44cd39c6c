using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Programmes;

/// <summary>
/// One programme rule (a threshold, amount, rate, document list or place to apply) with where it comes from,
/// the date it describes and the date by which a maintainer checks it again. <see cref="Key"/> is how dialogs
/// refer to it: <c>programme.sehati.max_sales</c>, as a condition value or as a <c>{placeholder}</c>.
/// </summary>
public sealed record ProgrammeRule(
    string Key,
    string Programme,
    string Raw,
    LocalizedText Text,
    string Source,
    string? Url,
    DateOnly AsOf,
    DateOnly ReviewBy,
    SourcePosition Position)
{
    /// <summary>True when the text was written as words (per language), not as a value a condition can compare.</summary>
    public bool IsText { get; init; }
}
