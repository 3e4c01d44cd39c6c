using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Channels;

/// <summary>
/// One message as the owner's chat app shows it: its text and the buttons under it; a WhatsApp list's rows sit
/// behind a button of their own (<see cref="ListButton"/>), not under the text.
/// </summary>
internal sealed record PreviewMessage(string Text, IReadOnlyList<string> Buttons, string? ListButton = null);

/// <summary>
/// How a chat channel shows an outbound message: the messages it sends for it, in order, cut and shaped by the same
/// code its sender uses, so the console's preview is what owners get (split parts, buttons or a list).
/// </summary>
internal interface IChannelPreview
{
    /// <summary>The channel's name (<see cref="Shared.ChannelNames"/>).</summary>
    string Channel { get; }

    IReadOnlyList<PreviewMessage> Show(OutboundMessage message);
}
