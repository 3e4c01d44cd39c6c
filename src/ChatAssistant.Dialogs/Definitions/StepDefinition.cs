namespace ChatAssistant.Dialogs.Definitions;

/// <summary>A step of a dialog as written in its file.</summary>
public abstract record StepDefinition(string Id, SourcePosition Position, IReadOnlyList<NextRule> Next)
{
    public abstract StepKind Kind { get; }
}
