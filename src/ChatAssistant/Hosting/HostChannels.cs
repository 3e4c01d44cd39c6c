using ChatAssistant.Channels.Telegram;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.DialogFolder;
using ChatAssistant.Reminders;

namespace ChatAssistant.Hosting;

/// <summary>The channels whose limits the dialogs are checked against.</summary>
internal static class HostChannels
{
    /// <summary>
    /// WhatsApp is checked before it is served, so that the dialogs written today already fit it. The reminder texts
    /// beside the dialogs are checked by dialogs validate too, so that a maintainer learns of a mistake before the
    /// worker refuses to start on it.
    /// </summary>
    public static DialogChannels Dialogs { get; } = new([WhatsAppLimits.Dialogs, TelegramLimits.Dialogs])
    {
        DataFiles = [new DataFileCheck(ReminderOptions.DefaultFile, ReminderTexts.Check)],
    };
}
