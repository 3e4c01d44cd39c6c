namespace ChatAssistant.Training;

/// <summary>One line of <c>registrations export</c>'s CSV.</summary>
internal sealed record RegistrationRow(
    string Code,
    string ProgramId,
    string Status,
    int? WaitlistPosition,
    string? Name,
    string? BusinessName,
    string? Sector,
    string? Province,
    string? Nik,
    string? Phone,
    string RegisteredAt,
    string? CancelledAt);
