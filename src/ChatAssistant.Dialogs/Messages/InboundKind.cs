namespace ChatAssistant.Dialogs.Messages;

/// <summary>What arrived from the owner. Anything the assistant cannot read (photo, sticker, voice...) is <see cref="Unsupported"/>.</summary>
public enum InboundKind
{
    Text,
    Button,
    Unsupported,
}
