namespace ChatAssistant.Privacy;

/// <summary>One conversation an owner had, as /datasaya lists it: no answers, only what it was and how it ended.</summary>
internal sealed record OwnerConversation(long Id, string DialogId, int Status, string? Outcome, DateTimeOffset StartedAt);
