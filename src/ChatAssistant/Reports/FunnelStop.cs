namespace ChatAssistant.Reports;

/// <summary>
/// The conversations that rest at one step without completing: still open (active or paused) or cancelled there.
/// <see cref="Position"/> is the step's place (1-based) in the live version of the dialog, null for a step that
/// is no longer in it (renamed or removed; older conversations still rest there).
/// </summary>
internal sealed record FunnelStop(string StepId, int? Position, int Open, int Cancelled);
