using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Channels.WhatsApp;

/// <summary>
/// What WhatsApp (Cloud API) can show of a dialog's question, checked when dialogs are loaded so that they are
/// written for it before the channel is served: at most 3 reply buttons with titles of up to 20 characters, and a
/// list of at most 10 rows with titles of up to 24 (the Cloud API reference for interactive messages).
/// </summary>
internal static class WhatsAppLimits
{
    public static ChannelLimits Dialogs { get; } = new("WhatsApp")
    {
        MaxButtonLabel = WhatsAppMessageShape.MaxButtonTitle,
        MaxReplyButtons = WhatsAppMessageShape.MaxReplyButtons,
        MaxListRows = WhatsAppMessageShape.MaxListRows,
        MaxListRowLabel = WhatsAppMessageShape.MaxRowTitle,
    };
}
