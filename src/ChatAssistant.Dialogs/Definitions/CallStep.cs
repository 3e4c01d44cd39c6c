namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// Runs an action the host provides (take a training seat, delete the owner's data...) inside the same
/// transaction as the message, saves the values it returns under the keys in <see cref="Sets"/>, and moves on.
/// The engine itself stays free of I/O: it only calls the host's <see cref="Running.IDialogActions"/>.
/// </summary>
public sealed record CallStep(
    string Id,
    SourcePosition Position,
    IReadOnlyList<NextRule> Next,
    string Action,
    IReadOnlyList<string> Sets) : StepDefinition(Id, Position, Next)
{
    public override StepKind Kind => StepKind.Call;
}
