namespace ChatAssistant.Dialogs.Messages;

/// <summary>The neutral shape of what an owner sent, whatever the channel.</summary>
public readonly record struct InboundMessage(InboundKind Kind, string Text, string? ButtonData)
{
    public static InboundMessage FromText(string text) => new(InboundKind.Text, text, null);

    public static InboundMessage FromButton(string data, string label = "") => new(InboundKind.Button, label, data);

    public static InboundMessage Unsupported(string what) => new(InboundKind.Unsupported, what, null);
}
