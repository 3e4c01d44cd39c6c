using ChatAssistant.Broadcasts;
using ChatAssistant.DeadLetters;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>
/// The feature stores write the texts earlier releases wrote and read back what they wrote: where a mapping moved
/// out of storage, the rows in the file stay the same.
/// </summary>
public abstract class BroadcastStoreTests : IDisposable
{
    private static readonly long Now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;
    private readonly TestStores _session;
    private readonly BroadcastStore _broadcasts;

    private protected BroadcastStoreTests(StorageProviderKind kind)
    {
        _target = StorageTarget.Create(kind, _folder);
        _session = new TestStores(_target, new FakeTimeProvider());
        _broadcasts = new BroadcastStore(_session.Session);
    }

    public void Dispose()
    {
        _session.Dispose();
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Each_recipient_status_is_written_as_its_stored_text_and_counted_in_its_own_column_of_the_summary()
    {
        var owners = new Owners(_target);
        var ids = RecipientStatuses.All.ToDictionary(s => s, s => owners.Add("owner-" + s.Name()));
        _session.Begin();
        var broadcast = _broadcasts.CreateBroadcast(new BroadcastDraft("Halo", null, null, BroadcastSegment.Everyone, "test", null), Now);
        foreach (var (status, owner) in ids)
        {
            _broadcasts.SetRecipientStatus(broadcast, owner, status, Now);
        }

        _session.Commit();

        foreach (var (status, owner) in ids)
        {
            Assert.Equal(status.Name(), Sql.Text(_target, $"SELECT status FROM broadcast_recipients WHERE broadcast_id = {broadcast} AND user_id = {owner}"));
        }

        Assert.Equal("sending", Sql.Text(_target, $"SELECT status FROM broadcasts WHERE id = {broadcast}"));
        var summary = Assert.Single(BroadcastSummary.Read(_session.Connection));
        Assert.Equal(BroadcastStatus.Sending, summary.Status);
        Assert.Equal(
            (9, 1, 1, 1, 1, 1, 1, 1, 1, 1),
            (summary.Recipients, summary.Waiting, summary.Queued, summary.Sent, summary.Failed, summary.Blocked, summary.OptedOut, summary.Uncertain, summary.CancelledRecipients, summary.OutsideWindow));
    }

    [Fact]
    public void A_recipient_status_a_later_release_wrote_is_counted_among_the_recipients_and_in_no_column()
    {
        var owners = new Owners(_target);
        var ani = owners.Add("ani");
        owners.Add("budi");
        _session.Begin();
        var broadcast = _broadcasts.CreateBroadcast(new BroadcastDraft("Halo", null, null, BroadcastSegment.Everyone, "test", null), Now);
        _session.Commit();
        Sql.Execute(_target, $"UPDATE broadcast_recipients SET status = 'bounced' WHERE user_id = {ani}");

        var summary = Assert.Single(BroadcastSummary.Read(_session.Connection));

        Assert.Equal((2, 1), (summary.Recipients, summary.Waiting));
    }

    [Fact]
    public void Segment_filters_compare_with_profile_values_as_the_dialogs_serialize_them()
    {
        var owners = new Owners(_target);
        owners.Add("ani", profile: [("sector", "t:food"), ("province", "t:Sumatera Barat")]);
        owners.Add("budi", profile: [("sector", "t:craft"), ("province", "t:Papua")]);
        Assert.True(SegmentParser.TryParse("sektor=food", "id", out var food, out _));

        var (count, sample) = _broadcasts.PreviewSegment(food, 10);

        Assert.Equal(1, count);
        Assert.Equal(("telegram", "ani", "id", "Sumatera Barat"), Assert.Single(sample));
        Assert.Equal(["craft", "food"], _broadcasts.Segments.KnownSectors().Order());

        // The owner's offset comes from the province's stored text: Papua is WIT (+09:00), the rest WIB here.
        _session.Begin();
        var broadcast = _broadcasts.CreateBroadcast(new BroadcastDraft("Halo", null, null, BroadcastSegment.Everyone, "test", null), Now);
        _session.Commit();
        Assert.Equal(420, Sql.Count(_target, $"SELECT r.utc_offset FROM broadcast_recipients r JOIN users u ON u.id = r.user_id WHERE u.chat_id = 'ani' AND r.broadcast_id = {broadcast}"));
        Assert.Equal(540, Sql.Count(_target, $"SELECT r.utc_offset FROM broadcast_recipients r JOIN users u ON u.id = r.user_id WHERE u.chat_id = 'budi' AND r.broadcast_id = {broadcast}"));
    }

    [Fact]
    public void A_dead_letter_reads_back_with_its_bytes_reason_and_missing_update_id()
    {
        var deadLetters = _session.Sessions; // the channel inbox sets them aside; the dead-letter verbs read them
        byte[] raw = [0x7B, 0xFF, 0x00, 0x7D];
        _session.Begin();
        deadLetters.SetAside("telegram", null, "not JSON", raw, Now);
        deadLetters.SetAside("telegram", "42", "no message", "{}"u8, Now + 1);
        _session.Commit();

        Assert.Equal(2, DeadLetterStore.Count(_session.Connection, _session.Session.Dialect));
        var newest = DeadLetterStore.Newest(_session.Connection, 5);
        Assert.Equal(["42", null], newest.Select(d => d.UpdateId));
        Assert.Equal(raw, newest[1].Raw);
        Assert.Equal(("not JSON", DateTimeOffset.FromUnixTimeMilliseconds(Now)), (newest[1].Reason, newest[1].ReceivedAt));
    }
}

public sealed class BroadcastStoreTests_Sqlite() : BroadcastStoreTests(StorageProviderKind.Sqlite);

public sealed class BroadcastStoreTests_Postgres() : BroadcastStoreTests(StorageProviderKind.Postgres);
