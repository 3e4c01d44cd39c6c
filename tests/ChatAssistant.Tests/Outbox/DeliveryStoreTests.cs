using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Outbox;

public sealed class DeliveryStoreTests_Sqlite() : DeliveryStoreTests(StorageProviderKind.Sqlite)
{
}

public sealed class DeliveryStoreTests_Postgres() : DeliveryStoreTests(StorageProviderKind.Postgres)
{
}

/// <summary>Delivery reports raise a sent message's state monotonically, whatever their order, and count once.</summary>
public abstract class DeliveryStoreTests : StorageMatrix
{
    private const string Channel = "whatsapp";

    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private readonly WriteSession _session;
    private readonly TestStores _stores;
    private readonly DeliveryStore _deliveries;

    private protected DeliveryStoreTests(StorageProviderKind kind)
        : base(kind)
    {
        _session = Db.Open(new FakeTimeProvider(Now));
        _stores = new TestStores(_session);
        _deliveries = new DeliveryStore(_session);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _session.Dispose();
        }

        base.Dispose(disposing);
    }

    private long Sent(string wamid, string chat = "ani")
    {
        _session.Begin();
        var id = _stores.EnqueueOutbound(1, Channel, chat, OutboundMessage.Plain("Halo"), OutboxPriority.Interactive, 1);
        _stores.MarkSent(id, wamid, 2);
        _session.Commit();
        return id;
    }

    private DeliveryChange[] Record(params DeliveryReport[] reports)
    {
        _session.Begin();
        var changes = reports.Select((r, i) => _deliveries.Record(Channel, r, 1000 + i)).ToArray();
        _session.Commit();
        return changes;
    }

    private (long? Delivery, long? At, string? Error) Row(long id) =>
        (Nullable(Db.Text($"SELECT CAST(delivery AS TEXT) FROM outbox WHERE id = {id}")),
         Nullable(Db.Text($"SELECT CAST(delivery_at AS TEXT) FROM outbox WHERE id = {id}")),
         Db.Text($"SELECT error FROM outbox WHERE id = {id}"));

    private static long? Nullable(string? text) => text is null ? null : long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static DeliveryReport Report(string wamid, DeliveryState state, int second = 0, string? error = null) =>
        new(wamid, state, Now.AddSeconds(second), error);

    [Fact]
    public void Statuses_in_order_raise_the_message_to_read_with_the_channels_time()
    {
        var id = Sent("wamid.A");

        var changes = Record(Report("wamid.A", DeliveryState.Sent, 1), Report("wamid.A", DeliveryState.Delivered, 2), Report("wamid.A", DeliveryState.Read, 3));

        Assert.Equal([DeliveryChange.Raised, DeliveryChange.Raised, DeliveryChange.Raised], changes);
        Assert.Equal(((long)DeliveryState.Read, Now.AddSeconds(3).ToUnixTimeMilliseconds(), (string?)null), Row(id));
    }

    [Fact]
    public void Read_then_delivered_then_sent_stays_read()
    {
        var id = Sent("wamid.B");

        var changes = Record(Report("wamid.B", DeliveryState.Read, 5), Report("wamid.B", DeliveryState.Delivered, 4), Report("wamid.B", DeliveryState.Sent, 3));

        Assert.Equal([DeliveryChange.Raised, DeliveryChange.Unchanged, DeliveryChange.Unchanged], changes);
        Assert.Equal(((long)DeliveryState.Read, Now.AddSeconds(5).ToUnixTimeMilliseconds(), (string?)null), Row(id));
    }

    [Fact]
    public void A_status_posted_again_is_recorded_once_and_changes_nothing()
    {
        var id = Sent("wamid.C");

        Assert.Equal([DeliveryChange.Raised], Record(Report("wamid.C", DeliveryState.Delivered, 2)));
        Assert.Equal([DeliveryChange.Repeated, DeliveryChange.Repeated], Record(Report("wamid.C", DeliveryState.Delivered, 9), Report("wamid.C", DeliveryState.Delivered, 9)));

        Assert.Equal(((long)DeliveryState.Delivered, Now.AddSeconds(2).ToUnixTimeMilliseconds(), (string?)null), Row(id));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM delivery_statuses WHERE channel = 'whatsapp' AND message_id = 'wamid.C'"));
    }

    [Fact]
    public void A_failure_before_delivery_is_kept_with_its_reason()
    {
        var id = Sent("wamid.D");

        var changes = Record(Report("wamid.D", DeliveryState.Sent, 1), Report("wamid.D", DeliveryState.Failed, 2, "131026 Message undeliverable"));

        Assert.Equal([DeliveryChange.Raised, DeliveryChange.Raised], changes);
        Assert.Equal(((long)DeliveryState.Failed, Now.AddSeconds(2).ToUnixTimeMilliseconds(), "131026 Message undeliverable"), Row(id));
    }

    [Fact]
    public void A_failure_after_delivered_or_read_is_ignored()
    {
        var delivered = Sent("wamid.E1");
        var read = Sent("wamid.E2", "budi");

        var changes = Record(
            Report("wamid.E1", DeliveryState.Delivered, 2), Report("wamid.E1", DeliveryState.Failed, 3, "131026 Message undeliverable"),
            Report("wamid.E2", DeliveryState.Read, 2), Report("wamid.E2", DeliveryState.Failed, 3, "131026 Message undeliverable"));

        Assert.Equal([DeliveryChange.Raised, DeliveryChange.Unchanged, DeliveryChange.Raised, DeliveryChange.Unchanged], changes);
        Assert.Equal(((long)DeliveryState.Delivered, Now.AddSeconds(2).ToUnixTimeMilliseconds(), (string?)null), Row(delivered));
        Assert.Equal(((long)DeliveryState.Read, Now.AddSeconds(2).ToUnixTimeMilliseconds(), (string?)null), Row(read));
    }

    [Fact]
    public void Delivered_after_a_failure_wins_and_clears_the_reason_and_sent_after_it_changes_nothing()
    {
        var id = Sent("wamid.F");

        var changes = Record(
            Report("wamid.F", DeliveryState.Failed, 2, "131026 Message undeliverable"), Report("wamid.F", DeliveryState.Sent, 1),
            Report("wamid.F", DeliveryState.Delivered, 3));

        Assert.Equal([DeliveryChange.Raised, DeliveryChange.Unchanged, DeliveryChange.Raised], changes);
        Assert.Equal(((long)DeliveryState.Delivered, Now.AddSeconds(3).ToUnixTimeMilliseconds(), (string?)null), Row(id));
    }

    [Fact]
    public void A_status_for_an_unknown_message_changes_no_message_and_the_report_time_defaults_to_now()
    {
        var id = Sent("wamid.G");

        var changes = Record(new DeliveryReport("wamid.someone-else", DeliveryState.Read), new DeliveryReport("wamid.G", DeliveryState.Delivered));

        Assert.Equal([DeliveryChange.UnknownMessage, DeliveryChange.Raised], changes);
        Assert.Equal(((long)DeliveryState.Delivered, 1001L, (string?)null), Row(id));
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM outbox WHERE sent_message_id = 'wamid.someone-else'"));
    }

    [Fact]
    public void A_report_on_another_channel_does_not_touch_a_message_with_the_same_id()
    {
        var id = Sent("4711");

        _session.Begin();
        var change = _deliveries.Record("telegram", new DeliveryReport("4711", DeliveryState.Read), 5);
        _session.Commit();

        Assert.Equal(DeliveryChange.UnknownMessage, change);
        Assert.Equal(((long?)null, (long?)null, (string?)null), Row(id));
    }

    [Fact]
    public void Statuses_that_arrive_before_the_send_is_recorded_are_applied_when_it_is()
    {
        // The channel answered the send and reported it before the writer committed the message's id.
        var early = Record(
            Report("wamid.H", DeliveryState.Delivered, 2), Report("wamid.H", DeliveryState.Sent, 1),
            Report("wamid.I", DeliveryState.Failed, 2, "131026 Message undeliverable"));
        Assert.Equal([DeliveryChange.UnknownMessage, DeliveryChange.UnknownMessage, DeliveryChange.UnknownMessage], early);

        var delivered = Sent("wamid.H");
        var failed = Sent("wamid.I", "budi");
        var quiet = Sent("wamid.J", "citra");

        Assert.Equal(((long)DeliveryState.Delivered, 1001L, (string?)null), Row(delivered)); // when the last status came in
        Assert.Equal((long)DeliveryState.Failed, Row(failed).Delivery);
        Assert.Equal(((long?)null, (long?)null, (string?)null), Row(quiet));

        // Later statuses go on from there.
        Assert.Equal([DeliveryChange.Raised, DeliveryChange.Unchanged], Record(Report("wamid.H", DeliveryState.Read, 3), Report("wamid.I", DeliveryState.Sent, 1)));
        Assert.Equal((long)DeliveryState.Read, Row(delivered).Delivery);
    }
}
