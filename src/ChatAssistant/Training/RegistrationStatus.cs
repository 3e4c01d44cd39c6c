namespace ChatAssistant.Training;

/// <summary>Where a registration stands; stored as its lower-case name.</summary>
internal enum RegistrationStatus
{
    Seat,
    Waitlist,
    Cancelled,
}
