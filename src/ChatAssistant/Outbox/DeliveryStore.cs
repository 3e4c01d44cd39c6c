using ChatAssistant.Storage;

namespace ChatAssistant.Outbox;

/// <summary>
/// Delivery reports of sent messages (WhatsApp's status webhooks): each status of each message is recorded once in
/// <c>delivery_statuses</c> (the channel redelivers them for days), and raises the message's <c>outbox.delivery</c>
/// along <see cref="DeliveryStates.Rank"/>, never lowers it, so reports in any order end in the same state. A status
/// for an id no sent message has yet is kept too: a send whose id is committed after its status arrived takes it up
/// (<see cref="OutboxStore.MarkSent(long, string?, long)"/>).
/// </summary>
internal sealed class DeliveryStore : IWriteStore
{
    private readonly PreparedCommand _record;
    private readonly PreparedCommand _raise;
    private readonly PreparedCommand _known;

    public DeliveryStore(WriteSession session)
    {
        Session = session;
        _record = session.Prepare(
            $"INSERT INTO delivery_statuses (channel, message_id, status, received_at) VALUES (@channel, @message, @status, @now) {session.Dialect.InsertIgnore}");

        // A failure's reason goes to error; a later delivered report clears it (the message arrived after all).
        _raise = session.Prepare($"""
            UPDATE outbox
            SET delivery = @state, delivery_at = @at,
                error = CASE WHEN @state = {(int)DeliveryState.Failed} THEN @error WHEN delivery = {(int)DeliveryState.Failed} THEN NULL ELSE error END
            WHERE channel = @channel AND sent_message_id = @message AND {DeliveryStates.RankSql("delivery")} < @rank
            """);
        _known = session.Prepare("SELECT 1 FROM outbox WHERE channel = @channel AND sent_message_id = @message LIMIT 1");
    }

    public WriteSession Session { get; }

    /// <summary>Applies one report in the transaction in progress; what it changed.</summary>
    public DeliveryChange Record(string channel, DeliveryReport report, long now)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_record.Set("@channel", channel).Set("@message", report.MessageId).Set("@status", report.State.Name()).Set("@now", now).Execute() == 0)
        {
            return DeliveryChange.Repeated;
        }

        var raised = _raise
            .Set("@state", (int)report.State)
            .Set("@at", report.At?.ToUnixTimeMilliseconds() ?? now)
            .Set("@error", report.Error ?? report.State.Name())
            .Set("@channel", channel)
            .Set("@message", report.MessageId)
            .Set("@rank", report.State.Rank())
            .Execute();
        if (raised > 0)
        {
            return DeliveryChange.Raised;
        }

        return _known.Set("@channel", channel).Set("@message", report.MessageId).Scalar() is null
            ? DeliveryChange.UnknownMessage
            : DeliveryChange.Unchanged;
    }
}
