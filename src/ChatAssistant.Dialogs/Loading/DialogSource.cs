namespace ChatAssistant.Dialogs.Loading;

/// <summary>A dialog file's path (for messages) and its text. The engine never reads files itself.</summary>
public sealed record DialogSource(string Path, string Text);
