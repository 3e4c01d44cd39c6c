namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>One <c># expect:</c> line: "LINE:COLUMN severity code", and words its message must contain.</summary>
internal sealed record Expectation(string Diagnostic, string? Words);
