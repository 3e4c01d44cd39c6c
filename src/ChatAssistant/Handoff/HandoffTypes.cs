namespace ChatAssistant.Handoff;

/// <summary>What became of an operator's action on a request.</summary>
internal enum HandoffResult
{
    Done,
    NotFound,
    Closed,

    /// <summary>Another operator has it (named in <see cref="HandoffOutcome.TakenBy"/>).</summary>
    TakenByOther,

    /// <summary>Nobody has taken it yet: take it first.</summary>
    NotTaken,
}

/// <summary>An operator action's result: who has the request now, and the outbox row a message went out as (0 for none).</summary>
internal readonly record struct HandoffOutcome(HandoffResult Result, string? TakenBy = null, long OutboxId = 0);

/// <summary>An open request as the console's inbox shows it.</summary>
internal sealed record HandoffRequest(long Id, long UserId, string Channel, string ChatId, DateTimeOffset OpenedAt, string? TakenBy, DateTimeOffset? TakenAt);

/// <summary>One line of a transcript: an owner's message (no operator) or an operator's reply.</summary>
internal sealed record HandoffLine(string? Operator, string Text, DateTimeOffset At);
