namespace ChatAssistant.Dialogs.Loading;

/// <summary>Stable codes, so that maintainers and tests can rely on them; the message says the rest.</summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "yaml-syntax";
    public const string UnknownKey = "unknown-key";
    public const string MissingField = "missing-field";
    public const string BadValue = "bad-value";
    public const string UnknownStep = "unknown-step";
    public const string UnknownAnswer = "unknown-answer";
    public const string UnreachableStep = "unreachable-step";
    public const string DeadEnd = "dead-end";
    public const string DuplicateId = "duplicate-id";
    public const string DuplicateCommand = "duplicate-command";
    public const string MissingTranslation = "missing-translation";
    public const string TypeMismatch = "type-mismatch";
    public const string StepKind = "step-kind";
    public const string ChannelLimit = "channel-limit";
    public const string UnknownSource = "unknown-source";
    public const string YamlAlias = "yaml-alias";
    public const string AmbiguousScalar = "ambiguous-scalar";
    public const string FileRefused = "file-refused";
    public const string UnknownRule = "unknown-rule";
    public const string StaleRule = "stale-rule";
}
