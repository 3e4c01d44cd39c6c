namespace ChatAssistant.Shared;

/// <summary>
/// Who may use the operators' chat commands (section <c>Operators</c>), e.g. <c>Operators__TelegramUserIds__0=123456</c>.
/// An operator writes from their private chat with the bot, whose chat id is their user id.
/// </summary>
internal sealed class OperatorOptions
{
    public const string Section = "Operators";

    public IList<long> TelegramUserIds { get; } = [];

    /// <summary>Asked for every inbound message: with no operators configured (most deployments) it reads nothing.</summary>
    public bool IsOperator(string channel, string chatId) =>
        TelegramUserIds.Count > 0
        && channel == ChannelNames.Telegram
        && long.TryParse(chatId, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id)
        && id > 0 // a group's chat id is negative: operator commands only in a private chat
        && TelegramUserIds.Contains(id);
}
