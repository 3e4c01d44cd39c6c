namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>A message the fake Bot API accepted from sendMessage (failed attempts are only in <see cref="FakeBotApi.Calls"/>).</summary>
/// <param name="ChatId">The chat it was sent to.</param>
/// <param name="MessageId">The message_id returned to the client (per chat, counting up from 1 like Telegram's private chats).</param>
/// <param name="Text">The text exactly as sent, markup included.</param>
/// <param name="VisibleText">What the owner sees: the text after its parse_mode markup is applied.</param>
/// <param name="ParseMode">The parse_mode parameter as sent, or null for plain text.</param>
/// <param name="InlineKeyboard">The inline keyboard rows, empty when there was none.</param>
/// <param name="ReplyMarkupJson">The raw reply_markup JSON (also for reply keyboards, which have no inline rows), or null.</param>
/// <param name="At">When the request arrived, on the server's stopwatch, for rate checks.</param>
internal sealed record SentMessage(
    long ChatId,
    int MessageId,
    string Text,
    string VisibleText,
    string? ParseMode,
    IReadOnlyList<IReadOnlyList<SentButton>> InlineKeyboard,
    string? ReplyMarkupJson,
    TimeSpan At)
{
    /// <summary>All inline buttons, row by row.</summary>
    public IEnumerable<SentButton> Buttons => InlineKeyboard.SelectMany(row => row);
}
