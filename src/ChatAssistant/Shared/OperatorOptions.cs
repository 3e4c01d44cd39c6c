namespace ChatAssistant.Shared;

/// <summary>
/// Who may use the operators' chat commands (section <c>Operators</c>), e.g. <c>Operators__TelegramUserIds__0=123456</c>
/// or <c>Operators__WhatsAppIds__0=6281234567890</c>. On Telegram an operator writes from their private chat with the
/// bot, whose chat id is their user id; on WhatsApp an operator is named by their business-scoped user id (BSUID,
/// <c>ID.13491208655302741918</c>) or their phone number with the country code, which the webhook gives with their
/// messages when WhatsApp shares it.
/// </summary>
internal sealed class OperatorOptions
{
    public const string Section = "Operators";

    public IList<long> TelegramUserIds { get; } = [];

    public IList<string> WhatsAppIds { get; } = [];

    /// <summary>Asked for every inbound message: with no operators configured (most deployments) it reads nothing.</summary>
    /// <param name="channel">The channel the message came on.</param>
    /// <param name="chatId">The chat's id there (a WhatsApp owner's BSUID, or wa_id without one).</param>
    /// <param name="phone">The sender's phone number when the channel gives it (WhatsApp's wa_id), else null.</param>
    public bool IsOperator(string channel, string chatId, string? phone = null) => channel switch
    {
        ChannelNames.Telegram => TelegramUserIds.Count > 0
            && long.TryParse(chatId, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && id > 0 // a group's chat id is negative: operator commands only in a private chat
            && TelegramUserIds.Contains(id),
        ChannelNames.WhatsApp => WhatsAppIds.Count > 0
            && (WhatsAppIds.Contains(chatId) || (phone is { Length: > 0 } && WhatsAppIds.Contains(phone))),
        _ => false,
    };
}
