namespace ChatAssistant.Reports;

/// <summary>How many conversations completed with one outcome; <see cref="Outcome"/> is null for an end step without one.</summary>
internal sealed record FunnelOutcome(string? Outcome, int Count);
