using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Channels.Telegram;

/// <summary>
/// What Telegram can show of a dialog's question, checked when dialogs are loaded. The Bot API takes at most 64
/// bytes of callback_data per button; a long text is no limit here, the sender splits it (<see cref="TelegramText"/>).
/// </summary>
internal static class TelegramLimits
{
    public static ChannelLimits Dialogs { get; } = new("Telegram") { MaxButtonDataBytes = 64 };
}
