using Microsoft.Extensions.Logging;

namespace ChatAssistant.Reminders;

/// <summary>Reminders' log messages (EventIds 14000-14999). Owners are named by their user id, never their chat id.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 14000, Level = LogLevel.Error, Message = "A reminder round failed (try {Failures}); trying again in {Wait}")]
    public static partial void RoundFailed(ILogger logger, int failures, TimeSpan wait, Exception exception);

    [LoggerMessage(EventId = 14001, Level = LogLevel.Information, Message = "Reminder rounds work again after {Failures} failed")]
    public static partial void RoundsRecovered(ILogger logger, int failures);

    [LoggerMessage(EventId = 14002, Level = LogLevel.Information, Message = "Reminders: {Queued} queued, {Skipped} skipped, {Cancelled} cancelled on {Channel}")]
    public static partial void Fed(ILogger logger, string channel, int queued, int skipped, int cancelled);

    [LoggerMessage(EventId = 14003, Level = LogLevel.Information, Message = "Reminder texts loaded from {Path}")]
    public static partial void TextsLoaded(ILogger logger, string path);

    [LoggerMessage(EventId = 14004, Level = LogLevel.Warning, Message = "No approved WhatsApp template for {Kind} reminders: owners outside the 24-hour window are skipped and counted (set whatsapp_template in reminders.yaml and list it under WhatsApp:Templates)")]
    public static partial void NoTemplate(ILogger logger, string kind);

    [LoggerMessage(EventId = 14005, Level = LogLevel.Warning, Message = "No reminder texts loaded from {Path} (missing, or refused: see above): no reminder is planned or sent until they are (see README, Reminders)")]
    public static partial void NoTexts(ILogger logger, string path);

    [LoggerMessage(EventId = 14030, Level = LogLevel.Warning, Message = "The WhatsApp template {Template} ({Language}) for {Kind} reminders takes {Expected} parameters but reminders.yaml passes {Passed}: WhatsApp refuses such sends, so these reminders outside the 24-hour window fail (make whatsapp_template's parameters and WhatsApp:Templates agree)")]
    public static partial void TemplateParameters(ILogger logger, string template, string language, string kind, int expected, int passed);

    [LoggerMessage(EventId = 14040, Level = LogLevel.Information, Message = "Owner {UserId} turned {Topic} reminders {State}")]
    private static partial void TopicSet(ILogger logger, long userId, string topic, string state);

    public static void TopicSet(ILogger logger, long userId, string topic, bool enabled) => TopicSet(logger, userId, topic, enabled ? "on" : "off");

    [LoggerMessage(EventId = 14010, Level = LogLevel.Information, Message = "Training reminders: {Scheduled} scheduled, {Cancelled} cancelled with their registration")]
    public static partial void TrainingPlanned(ILogger logger, int scheduled, int cancelled);

    [LoggerMessage(EventId = 14011, Level = LogLevel.Information, Message = "Deadline reminders: {Scheduled} scheduled, {Cancelled} cancelled as the owner registered")]
    public static partial void DeadlinePlanned(ILogger logger, int scheduled, int cancelled);

    [LoggerMessage(EventId = 14020, Level = LogLevel.Debug, Message = "Unfinished dialogs: {Count} nudges scheduled")]
    public static partial void UnfinishedPlanned(ILogger logger, int count);

    [LoggerMessage(EventId = 14021, Level = LogLevel.Debug, Message = "Export readiness: {Count} invitations to check again scheduled")]
    public static partial void ExportRechecksPlanned(ILogger logger, int count);

    [LoggerMessage(EventId = 14060, Level = LogLevel.Error, Message = "Reminder {Id} ({Kind}) could not be checked by its source and fails; the others go on")]
    public static partial void CheckFailed(ILogger logger, long id, string kind, Exception exception);

    [LoggerMessage(EventId = 14006, Level = LogLevel.Error, Message = "Reminder texts at {Path} refused; the worker runs without reminders until the file is fixed:\n{Problems}")]
    public static partial void TextsRefused(ILogger logger, string path, string problems);
}
