namespace ChatAssistant.Training;

/// <summary>Where a registration stands (<c>training_registrations.status</c>).</summary>
internal enum RegistrationStatus
{
    Seat,
    Waitlist,
    Cancelled,
}

/// <summary>
/// The one mapping between <see cref="RegistrationStatus"/> and its stored text, the lower-case name. The
/// constants are for SQL text; the stored values are those of every existing database.
/// </summary>
internal static class RegistrationStatuses
{
    public const string Seat = "seat";
    public const string Waitlist = "waitlist";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<RegistrationStatus> All { get; } = Enum.GetValues<RegistrationStatus>();

    public static string Name(this RegistrationStatus status) => status switch
    {
        RegistrationStatus.Seat => Seat,
        RegistrationStatus.Waitlist => Waitlist,
        RegistrationStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Any text that is not a seat or a waiting place counts as cancelled, as it always has.</summary>
    public static RegistrationStatus Parse(string stored) => stored switch
    {
        Seat => RegistrationStatus.Seat,
        Waitlist => RegistrationStatus.Waitlist,
        _ => RegistrationStatus.Cancelled,
    };
}
