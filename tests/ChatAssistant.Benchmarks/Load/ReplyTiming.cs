namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// One owner message during a broadcast and its reply, in Stopwatch ticks: handed to the writer, seen committed
/// (with its reply in the outbox), and the reply's send on the channel from its start to its end.
/// </summary>
internal readonly record struct ReplyTiming(long SubmittedAt, long CommittedAt, long WireStartedAt, long WireEndedAt)
{
    /// <summary>What the owner waits: from their message to the moment the channel has delivered the reply.</summary>
    public long Total => WireEndedAt - SubmittedAt;

    public long Commit => CommittedAt - SubmittedAt;

    /// <summary>From committed to on the wire: the dispatcher's round, its rate limit, and the announcements ahead.</summary>
    public long Dispatch => WireStartedAt - Math.Min(CommittedAt, WireStartedAt);

    public long Wire => WireEndedAt - WireStartedAt;
}
