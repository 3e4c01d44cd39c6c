using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Training;

/// <summary>
/// One programme of the training catalogue. Empty <see cref="Sectors"/>, <see cref="Provinces"/> or
/// <see cref="Scales"/> mean everyone may join.
/// </summary>
internal sealed record TrainingProgram(
    string Id,
    LocalizedText Title,
    string Organiser,
    TrainingMode Mode,
    string Location,
    DateOnly Start,
    DateOnly End,
    int Capacity,
    DateOnly Deadline,
    IReadOnlySet<string> Sectors,
    IReadOnlySet<string> Provinces,
    IReadOnlySet<string> Scales,
    LocalizedText Description)
{
    /// <summary>Open while the registration deadline's day (in the catalogue's time zone) has not passed.</summary>
    public bool IsOpen(DateOnly today) => today <= Deadline;

    /// <summary>How to reach the organiser, as the catalogue gives it (the organiser's name when it gives none).</summary>
    public string? Contact { get; init; }

    /// <summary>
    /// Whether an owner with these profile values may join. A programme limited to some sectors, provinces or
    /// scales is not offered to an owner whose value is unknown: the dialog asks them before the list.
    /// </summary>
    public bool Fits(string? sector, string? province, string? scale) => FitProblem(sector, province, scale) is null;

    /// <summary>The first limit the owner does not meet: <c>sector</c>, <c>province</c> or <c>scale</c>; null when they fit.</summary>
    public string? FitProblem(string? sector, string? province, string? scale) =>
        !Allows(Sectors, sector) ? "sector" : !Allows(Provinces, province) ? "province" : !Allows(Scales, scale) ? "scale" : null;

    private static bool Allows(IReadOnlySet<string> allowed, string? value) =>
        allowed.Count == 0 || (value is not null && allowed.Contains(value));
}
