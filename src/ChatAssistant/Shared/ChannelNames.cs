namespace ChatAssistant.Shared;

/// <summary>
/// The channel names stored with every conversation, outbox row and dead letter: features (segments, operator
/// defaults) name a channel without depending on the channel's code.
/// </summary>
internal static class ChannelNames
{
    public const string Telegram = "telegram";

    public const string WhatsApp = "whatsapp";

    public const string Console = "console";
}
