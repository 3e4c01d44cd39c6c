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

    /// <summary>Whether an owner with these profile values may join; an unknown value does not exclude them.</summary>
    public bool Fits(string? sector, string? province, string? scale) =>
        Allows(Sectors, sector) && Allows(Provinces, province) && Allows(Scales, scale);

    private static bool Allows(IReadOnlySet<string> allowed, string? value) =>
        allowed.Count == 0 || value is null || allowed.Contains(value);
}
