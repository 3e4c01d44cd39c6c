using ChatAssistant.Channels.Telegram;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.DialogFolder;

namespace ChatAssistant.Hosting;

/// <summary>The channels whose limits the dialogs are checked against.</summary>
internal static class HostChannels
{
    /// <summary>WhatsApp is checked before it is served, so that the dialogs written today already fit it.</summary>
    public static DialogChannels Dialogs { get; } = new([WhatsAppLimits.Dialogs, TelegramLimits.Dialogs]);
}
