namespace ChatAssistant.Training;

/// <summary>
/// One owner's registration for one programme. <see cref="WaitlistOrder"/> orders the waiting list (lower is
/// earlier); the position shown to the owner is counted from it.
/// </summary>
internal sealed record Registration(
    long Id,
    string ProgramId,
    long OwnerId,
    string? Nik,
    string? Phone,
    RegistrationStatus Status,
    long? WaitlistOrder,
    string Code,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt);
