namespace ChatAssistant.Channels.Telegram;

public enum TelegramMode
{
    /// <summary>Ask Telegram for updates (getUpdates). Works behind any firewall; one worker only.</summary>
    Polling,

    /// <summary>Telegram posts updates to <see cref="TelegramOptions.WebhookUrl"/>. Needs a public HTTPS address.</summary>
    Webhook,
}
