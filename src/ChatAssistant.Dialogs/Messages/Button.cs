namespace ChatAssistant.Dialogs.Messages;

/// <summary>A button under a message: the label shown and the data sent back when it is tapped.</summary>
public sealed record Button(string Label, string Data);
