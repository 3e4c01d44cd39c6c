using Microsoft.Extensions.Logging;

namespace ChatAssistant.DialogFolder;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} dialogs from {Folder}: {Ids}")]
    public static partial void DialogsLoaded(ILogger logger, int count, string folder, string ids);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dialog file problem: {Diagnostic}")]
    public static partial void DialogError(ILogger logger, string diagnostic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} was refused; dialog {DialogId} v{Version} from it stays live")]
    public static partial void DialogKept(ILogger logger, string file, string dialogId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dialog file warning: {Diagnostic}")]
    public static partial void DialogWarning(ILogger logger, string diagnostic);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} fails validation; dialog {DialogId} v{Version}, the version last live (kept in the database), is served until the file is fixed")]
    public static partial void DialogServedFromStore(ILogger logger, string file, string dialogId, int version);
}
