using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Shared;
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
    int? CallbackMessageId = null,
    string? Problem = null)
{
    public const string Channel = ChannelNames.Telegram;

    /// <summary>
    /// What the update asks for. Never throws: an update missing what its kind needs (a message without a chat,
    /// a tap without its sender) is <see cref="TelegramInboundKind.Malformed"/>, with the reason.
    /// </summary>
    public static TelegramInbound Read(Update update, long updateId)
    {
        try
        {
            return ReadUnchecked(update, updateId);
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentException)
        {
            return Malformed(updateId, "unreadable update: " + ex.Message);
        }
    }

    private static TelegramInbound ReadUnchecked(Update update, long updateId)
    {
        if (update.CallbackQuery is { } callback)
        {
            return ReadTap(callback, updateId);
        }

        if (update.MyChatMember is { } member)
        {
            if (member.Chat is null || member.NewChatMember is null)
            {
                return Malformed(updateId, "my_chat_member without chat or new_chat_member");
            }

            if (member.Chat.Type != ChatType.Private)
            {
                return new TelegramInbound(TelegramInboundKind.Ignore, updateId, member.Chat.Id, default, null);
            }

            var kind = member.NewChatMember.Status == ChatMemberStatus.Kicked ? TelegramInboundKind.Blocked : TelegramInboundKind.Unblocked;
            return new TelegramInbound(kind, updateId, member.Chat.Id, default, null);
        }

        if (update.Message is not { } message)
        {
            // Edited messages are not answered again: the owner already had the reply to the first version.
            return new TelegramInbound(TelegramInboundKind.Ignore, updateId, update.EditedMessage?.Chat?.Id ?? 0, default, null);
        }

        if (message.Chat is null)
        {
            return Malformed(updateId, "message without chat");
        }

        var language = Language(message.From?.LanguageCode);
        if (message.Chat.Type != ChatType.Private)
        {
            return message.Text is { Length: > 0 } text && text[0] == '/'
                ? new TelegramInbound(TelegramInboundKind.GroupNote, updateId, message.Chat.Id, default, language)
                : new TelegramInbound(TelegramInboundKind.Ignore, updateId, message.Chat.Id, default, language);
        }

        var inbound = message switch
        {
            { Text: { } text } => InboundMessage.FromText(text),

            // A shared contact answers a phone question; the engine checks it like a typed number.
            { Contact.PhoneNumber: { } phone } => InboundMessage.FromText(phone),
            _ => InboundMessage.Unsupported(message.Type.ToString()),
        };
        return new TelegramInbound(TelegramInboundKind.Conversation, updateId, message.Chat.Id, inbound, language);
    }

    /// <summary>
    /// A tap acts only on the conversation of the person who tapped: in a private chat the chat is that person.
    /// A tap whose sender is not the chat's owner (or on a group's message) is acknowledged and changes nothing.
    /// </summary>
    private static TelegramInbound ReadTap(CallbackQuery callback, long updateId)
    {
        if (callback.From is null || string.IsNullOrEmpty(callback.Id))
        {
            return Malformed(updateId, "callback_query without from or id");
        }

        var language = Language(callback.From.LanguageCode);
        var message = callback.Message;
        if (message is not null && message.Chat is null)
        {
            return Malformed(updateId, "callback_query message without chat");
        }

        var chat = message?.Chat.Id ?? callback.From.Id;
        if (chat != callback.From.Id || (message is not null && message.Chat.Type != ChatType.Private))
        {
            return new TelegramInbound(TelegramInboundKind.ForeignTap, updateId, chat, default, language, callback.Id, message?.Id,
                $"tap by user {callback.From.Id} in chat {chat}");
        }

        return new TelegramInbound(TelegramInboundKind.Conversation, updateId, chat,
            InboundMessage.FromButton(callback.Data ?? string.Empty), language, callback.Id, message?.Id);
    }

    private static TelegramInbound Malformed(long updateId, string problem) =>
        new(TelegramInboundKind.Malformed, updateId, 0, default, null, Problem: problem);

    /// <summary>Telegram gives IETF tags ("en", "en-GB", "id"); the assistant needs the language alone.</summary>
    private static string? Language(string? code) => code is { Length: > 2 } && code[2] == '-' ? code[..2] : code;
}
