using ChatAssistant.Health;
using Telegram.Bot;

namespace ChatAssistant.Channels.Telegram;

/// <summary>The health probe for Telegram: getMe, which checks the token and the Bot API and sends nothing.</summary>
internal sealed class TelegramProbe(ITelegramBotClient bot) : IChannelProbe
{
    public string Channel => TelegramInbound.Channel;

    public Task ProbeAsync(CancellationToken cancellationToken) => bot.GetMe(cancellationToken);
}
