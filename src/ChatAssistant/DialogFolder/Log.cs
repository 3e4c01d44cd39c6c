using Microsoft.Extensions.Logging;

namespace ChatAssistant.DialogFolder;

internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Loaded {Count} dialogs from {Folder}: {Ids}")]
    public static partial void DialogsLoaded(ILogger logger, int count, string folder, string ids);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Dialog file problem: {Diagnostic}")]
    public static partial void DialogError(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "{File} was refused; dialog {DialogId} v{Version} from it stays live")]
    public static partial void DialogKept(ILogger logger, string file, string dialogId, int version);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Dialog file warning: {Diagnostic}")]
    public static partial void DialogWarning(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "{File} fails validation; dialog {DialogId} v{Version}, the version last live (kept in the database), is served until the file is fixed")]
    public static partial void DialogServedFromStore(ILogger logger, string file, string dialogId, int version);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Watching {Folder} for dialog changes")]
    public static partial void Watching(ILogger logger, string folder);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Could not watch {Folder}; changes are noticed by the periodic check only")]
    public static partial void WatchFailed(ILogger logger, string folder, Exception exception);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "The dialogs folder {Folder} changed without the watcher noticing, or was deleted or replaced (exists now: {Exists}); watching it again")]
    public static partial void FolderReplaced(ILogger logger, string folder, bool exists);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Error, Message = "Could not reload the dialogs in {Folder}; the live dialogs stay")]
    public static partial void ReloadFailed(ILogger logger, string folder, Exception exception);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Error, Message = "Could not read the dialog versions kept in the database; refused dialog files stay unserved")]
    public static partial void StoredVersionsFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Error, Message = "Could not keep the live dialog versions in the database; trying again at the next reload")]
    public static partial void KeepFailed(ILogger logger, Exception exception);
}
