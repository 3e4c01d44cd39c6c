using ChatAssistant.Dialogs.Messages;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatAssistant.Channels.Telegram;

/// <summary>An update from Telegram, read into what the assistant does with it.</summary>
internal sealed record TelegramInbound(
    TelegramInboundKind Kind,
    long UpdateId,
    long ChatId,
    InboundMessage Message,
    string? LanguageHint,
    string? CallbackQueryId = null,
    int? CallbackMessageId = null)
{
    public const string Channel = "telegram";

    public static TelegramInbound Read(Update update)
    {
        if (update.CallbackQuery is { } callback)
        {
            var chat = callback.Message?.Chat.Id ?? callback.From.Id;
            return new TelegramInbound(TelegramInboundKind.Conversation, update.Id, chat,
                InboundMessage.FromButton(callback.Data ?? string.Empty), Language(callback.From.LanguageCode), callback.Id, callback.Message?.Id);
        }

        if (update.MyChatMember is { Chat.Type: ChatType.Private } member)
        {
            var kind = member.NewChatMember.Status == ChatMemberStatus.Kicked ? TelegramInboundKind.Blocked : TelegramInboundKind.Unblocked;
            return new TelegramInbound(kind, update.Id, member.Chat.Id, default, null);
        }

        if (update.Message is not { } message)
        {
            // Edited messages are not answered again: the owner already had the reply to the first version.
            return new TelegramInbound(TelegramInboundKind.Ignore, update.Id, update.EditedMessage?.Chat.Id ?? 0, default, null);
        }

        var language = Language(message.From?.LanguageCode);
        if (message.Chat.Type != ChatType.Private)
        {
            return message.Text is { Length: > 0 } text && text[0] == '/'
                ? new TelegramInbound(TelegramInboundKind.GroupNote, update.Id, message.Chat.Id, default, language)
                : new TelegramInbound(TelegramInboundKind.Ignore, update.Id, message.Chat.Id, default, language);
        }

        var inbound = message switch
        {
            { Text: { } text } => InboundMessage.FromText(text),

            // A shared contact answers a phone question; the engine checks it like a typed number.
            { Contact.PhoneNumber: { } phone } => InboundMessage.FromText(phone),
            _ => InboundMessage.Unsupported(message.Type.ToString()),
        };
        return new TelegramInbound(TelegramInboundKind.Conversation, update.Id, message.Chat.Id, inbound, language);
    }

    /// <summary>Telegram gives IETF tags ("en", "en-GB", "id"); the assistant needs the language alone.</summary>
    private static string? Language(string? code) => code is { Length: > 2 } && code[2] == '-' ? code[..2] : code;
}
