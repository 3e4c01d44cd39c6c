namespace ChatAssistant.Outbox;

/// <summary>
/// How far a sent message got, as its channel reported it (<c>outbox.delivery</c>, the stored values). Channels
/// report out of order, so a state is only ever raised along <see cref="DeliveryStates.Rank"/>.
/// </summary>
internal enum DeliveryState
{
    Sent = 1,
    Delivered = 2,
    Read = 3,

    /// <summary>The channel could not deliver it; kept only while nothing said it was delivered.</summary>
    Failed = 4,
}

/// <summary>
/// What a channel reported about one message it sent: <see cref="MessageId"/> is the channel's id of it (the one the
/// send answered, <c>outbox.sent_message_id</c>); <see cref="At"/> when the channel says it happened;
/// <see cref="Error"/> why a failed one failed (e.g. <c>131026 Message undeliverable</c>).
/// </summary>
internal sealed record DeliveryReport(string MessageId, DeliveryState State, DateTimeOffset? At = null, string? Error = null);

/// <summary>What one <see cref="DeliveryReport"/> changed.</summary>
internal enum DeliveryChange
{
    /// <summary>The message's delivery state went up to the report's.</summary>
    Raised,

    /// <summary>The message is already as far or further (delivered after read, failed after delivered).</summary>
    Unchanged,

    /// <summary>The same status of the same message was recorded before (the channel redelivered it).</summary>
    Repeated,

    /// <summary>No sent message has this id (a part of a long reply whose id was not kept, or another sender's).</summary>
    UnknownMessage,
}

internal static class DeliveryStates
{
    /// <summary>
    /// The order states are raised in. Failed ranks above sent (a failed message was sent) and below delivered: a
    /// delivered or read report proves the message arrived whatever failed before it, and a late failure after one
    /// changes nothing.
    /// </summary>
    public static int Rank(this DeliveryState state) => state switch
    {
        DeliveryState.Sent => 1,
        DeliveryState.Failed => 2,
        DeliveryState.Delivered => 3,
        DeliveryState.Read => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The rank of a stored <c>outbox.delivery</c> column as SQL (0 when none was reported).</summary>
    public static string RankSql(string column) =>
        $"CASE {column} WHEN {(int)DeliveryState.Sent} THEN 1 WHEN {(int)DeliveryState.Failed} THEN 2 WHEN {(int)DeliveryState.Delivered} THEN 3 WHEN {(int)DeliveryState.Read} THEN 4 ELSE 0 END";

    /// <summary>
    /// The furthest state recorded in <c>delivery_statuses</c> for one message (as stored in <c>outbox.delivery</c>),
    /// NULL when none is: a scalar subquery on the given SQL expressions for the channel and the message id.
    /// </summary>
    public static string RecordedStateSql(string channel, string messageId)
    {
        var states = Enum.GetValues<DeliveryState>();
        var rankOfStatus = string.Concat(states.Select(s => $" WHEN '{s.Name()}' THEN {s.Rank()}"));
        var stateOfRank = string.Concat(states.Select(s => $" WHEN {s.Rank()} THEN {(int)s}"));
        return $"(SELECT CASE max(CASE d.status{rankOfStatus} END){stateOfRank} END FROM delivery_statuses d WHERE d.channel = {channel} AND d.message_id = {messageId})";
    }

    /// <summary>The word stored in <c>delivery_statuses.status</c>, as the channels say it.</summary>
    public static string Name(this DeliveryState state) => state switch
    {
        DeliveryState.Sent => "sent",
        DeliveryState.Delivered => "delivered",
        DeliveryState.Read => "read",
        DeliveryState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
