using Telegram.Bot.Types.ReplyMarkups;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>The current state of a message the bot sent, which editMessageText and editMessageReplyMarkup change.</summary>
internal sealed class StoredMessage(DateTime date, string text, InlineKeyboardMarkup? keyboard)
{
    public DateTime Date { get; } = date;

    public string Text { get; set; } = text;

    public InlineKeyboardMarkup? Keyboard { get; set; } = keyboard;
}
