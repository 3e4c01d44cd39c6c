using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>
/// The channel limits the executable passes to the loader (src/ChatAssistant/Channels/WhatsApp/WhatsAppLimits.cs
/// and Channels/Telegram/TelegramLimits.cs), so that these tests load dialogs as the host does. The engine knows
/// no channel itself.
/// </summary>
internal static class HostChannels
{
    public static IReadOnlyList<ChannelLimits> Limits { get; } =
    [
        new("WhatsApp") { MaxButtonLabel = 20, MaxReplyButtons = 3, MaxListRows = 10, MaxListRowLabel = 24 },
        new("Telegram") { MaxButtonDataBytes = ButtonData.MaxBytes },
    ];
}
