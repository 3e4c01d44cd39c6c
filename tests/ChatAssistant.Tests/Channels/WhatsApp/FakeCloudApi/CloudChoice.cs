namespace ChatAssistant.Tests.Channels.WhatsApp;

internal enum CloudChoiceKind
{
    /// <summary>A reply button: a tap comes back as <c>interactive.button_reply</c>.</summary>
    Button,

    /// <summary>A list row: a pick comes back as <c>interactive.list_reply</c>.</summary>
    ListRow,
}

/// <summary>Something an owner can tap in a message the assistant sent, with the id the assistant gave it.</summary>
internal sealed record CloudChoice(CloudChoiceKind Kind, string Id, string Title, string? Description);
