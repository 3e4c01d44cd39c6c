namespace ChatAssistant.Channels.Telegram;

/// <summary>Splits a reply into Telegram-sized messages at paragraph (then line, then word) boundaries.</summary>
internal static class TelegramText
{
    public const int MaxLength = 4096;

    public static IReadOnlyList<string> Split(string text, int maxLength = MaxLength) => ChannelText.Split(text, maxLength);
}
