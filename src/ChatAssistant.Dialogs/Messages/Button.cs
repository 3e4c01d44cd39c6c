namespace ChatAssistant.Dialogs.Messages;

/// <summary>
/// A button under a message: the label shown and the data sent back when it is tapped. <paramref name="Short"/>
/// is the maintainer's short form of the label (<c>short:</c> in the dialog file), for a channel whose buttons
/// show fewer characters than the label has; null when there is none.
/// </summary>
public sealed record Button(string Label, string Data, string? Short = null);
