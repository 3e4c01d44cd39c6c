namespace ChatAssistant.Dialogs.Definitions;

/// <summary>Where something was written in a dialog file, so every message to a maintainer can point at it.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
