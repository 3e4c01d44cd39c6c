namespace ChatAssistant.Channels.Telegram;

/// <summary>
/// Configuration section <c>Telegram</c>. The channel is enabled when <see cref="BotToken"/> is set. The
/// sending limits (<c>MaxMessagesPerSecond</c>, <c>PerChatInterval</c>...) are read from the same section
/// into the outbox options.
/// </summary>
internal sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The token BotFather gives, like <c>123456789:AA...</c>.</summary>
    public string? BotToken { get; set; }

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS address Telegram posts updates to (webhook mode), e.g. https://bot.example.id/telegram.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Telegram sends it back in <c>X-Telegram-Bot-Api-Secret-Token</c>; requests without it are refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where the webhook endpoint listens (webhook mode), behind the public address's proxy.</summary>
    public string ListenUrl { get; set; } = "http://0.0.0.0:8080";

    /// <summary>Another Bot API server (a local one, or a test server); empty for Telegram's own.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>How long one getUpdates call waits for news (long polling).</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BotToken);
}
