namespace ChatAssistant.Dialogs.Definitions;

public enum StepKind
{
    Say,
    Ask,
    Compute,
    Call,
    Review,
    End,
}
