using Microsoft.Extensions.Logging;

namespace ChatAssistant.Privacy;

/// <summary>The privacy feature's log messages (EventIds 10000-10999); owners by their store id only.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10000, Level = LogLevel.Information, Message = "Owner {OwnerId}'s personal data and answers were deleted at their request")]
    public static partial void OwnerDataDeleted(ILogger logger, long ownerId);
}
