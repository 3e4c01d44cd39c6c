using Microsoft.Extensions.Logging;

namespace ChatAssistant.OperatorConsole;

internal static partial class Log
{
    [LoggerMessage(EventId = 12000, Level = LogLevel.Information, Message = "Operator {Operator} signed in to the console")]
    public static partial void SignedIn(ILogger logger, string @operator);

    [LoggerMessage(EventId = 12001, Level = LogLevel.Warning, Message = "A console sign-in link was refused: unknown, used before, or expired")]
    public static partial void LinkRefused(ILogger logger);
}
