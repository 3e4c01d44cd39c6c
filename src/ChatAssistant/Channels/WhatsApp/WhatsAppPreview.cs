using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Shared;

namespace ChatAssistant.Channels.WhatsApp;

/// <summary>What <see cref="WhatsAppSender"/> sends for a message, from the same <see cref="WhatsAppMessageShape"/>: text parts, then reply buttons or a list.</summary>
internal sealed class WhatsAppPreview : IChannelPreview
{
    public string Channel => ChannelNames.WhatsApp;

    public IReadOnlyList<PreviewMessage> Show(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        // The sender's words are Indonesian for every owner (WhatsAppSender.Words), so the preview's are too.
        return [.. WhatsAppMessageShape.Shape(message, WhatsAppWords.Indonesian).Select(Show)];
    }

    private static PreviewMessage Show(WhatsAppPart part) => part switch
    {
        { Interactive: { Action.Buttons: { } buttons } interactive } => new(interactive.Body.Text, [.. buttons.Select(b => b.Reply.Title)]),
        { Interactive: { Action.Sections: { } sections } interactive } =>
            new(interactive.Body.Text, [.. sections.SelectMany(s => s.Rows).Select(r => r.Title)], interactive.Action.Button),
        _ => new(part.Text?.Body ?? string.Empty, []),
    };
}
