using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Channels.Telegram;

/// <summary>What <see cref="TelegramSender"/> sends for a message: the text in parts, the buttons (one per row) under the last.</summary>
internal sealed class TelegramPreview : IChannelPreview
{
    public string Channel => TelegramInbound.Channel;

    public IReadOnlyList<PreviewMessage> Show(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = TelegramText.Split(message.Text.Length == 0 ? "…" : message.Text);
        return [.. parts.Select((part, i) => new PreviewMessage(part, i == parts.Count - 1 ? [.. message.Buttons.Select(b => b.Label)] : []))];
    }
}
