using System.Text;

namespace ChatAssistant.Dialogs.Messages;

/// <summary>The neutral shape of what an owner sent, whatever the channel.</summary>
public readonly record struct InboundMessage(InboundKind Kind, string Text, string? ButtonData)
{
    /// <summary>
    /// The sender's own phone number, digits with the country code (WhatsApp's <c>wa_id</c>), when the channel gives
    /// one. Never stored as it comes: a phone question offers it for the owner to confirm, and only a yes saves it.
    /// </summary>
    public string? SenderPhone { get; init; }

    public static InboundMessage FromText(string text) => new(InboundKind.Text, text, null);

    public static InboundMessage FromButton(string data, string label = "") => new(InboundKind.Button, label, data);

    public static InboundMessage Unsupported(string what) => new(InboundKind.Unsupported, what, null);

    // Personal data stays out of anything that prints the message (a log, a failed assertion): only whether it came.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind).Append(", Text = ").Append(Text).Append(", ButtonData = ").Append(ButtonData)
            .Append(", SenderPhone = ").Append(SenderPhone is null ? "(none)" : "(given)");
        return true;
    }
}
