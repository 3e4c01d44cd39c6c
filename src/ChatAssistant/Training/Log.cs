using Microsoft.Extensions.Logging;

namespace ChatAssistant.Training;

/// <summary>
/// The training feature's log messages (EventIds 9000-9999). Owners are logged by their store id only: never a
/// NIK or a phone number.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Owner {OwnerId} registered for {ProgramId}: {Status}")]
    public static partial void Registered(ILogger logger, string programId, long ownerId, string status);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Owner {OwnerId} cancelled a registration for {ProgramId}")]
    public static partial void Cancelled(ILogger logger, string programId, long ownerId);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Owner {OwnerId} moved from the waiting list to a seat of {ProgramId}")]
    public static partial void Promoted(ILogger logger, string programId, long ownerId);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Loaded {Count} training programmes from {Path}")]
    public static partial void CatalogLoaded(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "Owner {OwnerId} rated {ProgramId}: {Rating} of 5")]
    public static partial void Rated(ILogger logger, string programId, long ownerId, int rating);
}
