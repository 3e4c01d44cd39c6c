using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

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

    /// <summary>A WhatsApp owner's 24-hour window has closed: nothing free-form reaches them until they write again.</summary>
    OutsideWindow,
}

/// <summary>An operator action's result: who has the request now, and the outbox row a message went out as (0 for none).</summary>
internal readonly record struct HandoffOutcome(HandoffResult Result, string? TakenBy = null, long OutboxId = 0);

/// <summary>An open request as the console's inbox shows it.</summary>
internal sealed record HandoffRequest(long Id, long UserId, string Channel, string ChatId, DateTimeOffset OpenedAt, string? TakenBy, DateTimeOffset? TakenAt);

/// <summary>One line of a transcript: an owner's message (no operator) or an operator's reply.</summary>
internal sealed record HandoffLine(string? Operator, string Text, DateTimeOffset At);

/// <summary>A row of the console's inbox: an open request, whose owner (their name if they gave one), who has it, and the newest line.</summary>
internal sealed record HandoffInboxItem(
    long Id,
    long UserId,
    string Channel,
    string ChatId,
    string? OwnerName,
    DateTimeOffset OpenedAt,
    string? TakenBy,
    DateTimeOffset? TakenAt,
    DateTimeOffset? FirstReplyAt,
    int Lines,
    string? LastText,
    string? LastOperator)
{
    /// <summary>Nobody has answered the owner yet, <paramref name="after"/> or longer since they asked (Handoff:UnansweredAfter).</summary>
    public bool IsUnanswered(DateTimeOffset now, TimeSpan after) => FirstReplyAt is null && now - OpenedAt >= after;
}

/// <summary>One request as its page shows it, open or closed.</summary>
internal sealed record HandoffDetail(
    long Id,
    long UserId,
    string Channel,
    string ChatId,
    string Language,
    string? OwnerName,
    DateTimeOffset OpenedAt,
    string? TakenBy,
    DateTimeOffset? TakenAt,
    DateTimeOffset? HandedBackAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset LastSeenAt)
{
    public bool IsOpen => ClosedAt is null;
}

/// <summary>A line of an owner's transcripts, with the request it was written in.</summary>
internal sealed record HandoffTranscriptLine(long Request, string? Operator, string Text, DateTimeOffset At);

/// <summary>What an owner has told the assistant: profile values and their conversations, newest first. Values as stored (not masked).</summary>
internal sealed record HandoffProfile(IReadOnlyList<KeyValuePair<string, DialogValue>> Values, IReadOnlyList<ProfileConversation> Conversations);

/// <summary>One of an owner's conversations: the dialog, where it is or how it ended, and the answers saved in it.</summary>
internal sealed record ProfileConversation(
    string DialogId,
    ConversationStatus Status,
    string StepId,
    string? Outcome,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<KeyValuePair<string, DialogValue>> Answers);
