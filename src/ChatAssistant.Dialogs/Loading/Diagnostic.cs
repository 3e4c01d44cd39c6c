using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>One problem in a dialog file, printed the way compilers print them so editors can jump to it.</summary>
public sealed record Diagnostic(SourcePosition Position, DiagnosticSeverity Severity, string Code, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString() =>
        $"{Position}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}
