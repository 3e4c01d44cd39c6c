namespace ChatAssistant.Dialogs.Messages;

/// <summary>The neutral shape of a reply. Channels render the buttons the way they allow (never dropping one).</summary>
public sealed record OutboundMessage(string Text, IReadOnlyList<Button> Buttons)
{
    public static OutboundMessage Plain(string text) => new(text, []);
}
