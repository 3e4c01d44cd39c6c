namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>One inline keyboard button of a sent message: its label and what a tap sends back.</summary>
internal sealed record SentButton(string Text, string? CallbackData, string? Url);
