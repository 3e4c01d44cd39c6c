using Microsoft.Extensions.Logging;

namespace ChatAssistant.Training;

// Owners are logged by their store id only: never a NIK or a phone number.
internal static partial class TrainingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Owner {OwnerId} registered for {ProgramId}: {Status}")]
    public static partial void Registered(ILogger logger, string programId, long ownerId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Owner {OwnerId} cancelled a registration for {ProgramId}")]
    public static partial void Cancelled(ILogger logger, string programId, long ownerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Owner {OwnerId} moved from the waiting list to a seat of {ProgramId}")]
    public static partial void Promoted(ILogger logger, string programId, long ownerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} training programmes from {Path}")]
    public static partial void CatalogLoaded(ILogger logger, int count, string path);
}
