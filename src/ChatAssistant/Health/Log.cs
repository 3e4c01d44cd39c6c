using Microsoft.Extensions.Logging;

namespace ChatAssistant.Health;

internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "The {Channel} channel did not answer a health probe")]
    public static partial void ProbeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Could not record the {Channel} channel's last successful call; trying again at the next round")]
    public static partial void RecordFailed(ILogger logger, string channel, Exception exception);

}
