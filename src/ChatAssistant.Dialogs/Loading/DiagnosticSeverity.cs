namespace ChatAssistant.Dialogs.Loading;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
