using ChatAssistant.Broadcasts;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Tests.Support;
using ChatAssistant.Storage;

namespace ChatAssistant.Tests.Broadcasts;

public abstract class SchedulingAndCancelTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected SchedulingAndCancelTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    private StorageTarget Db => _target;

    [Fact]
    public async Task A_scheduled_broadcast_fixes_its_recipients_only_when_its_time_comes()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        owners.Add("ani");
        var budi = owners.Add("budi");
        var feeder = FeederHost.Create(fixture);
        var at = fixture.Time.GetUtcNow().AddHours(1); // 16:00 WIB: nobody in quiet hours

        var id = await FeederHost.CreateAsync(fixture, at: at);
        Assert.Equal("scheduled", Sql.Text(Db, $"SELECT status FROM broadcasts WHERE id = {id}"));
        Assert.Empty(owners.Recipients(id));

        fixture.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(await feeder.FeedOnceAsync()); // busy: one is scheduled
        Assert.Equal("scheduled", Sql.Text(Db, $"SELECT status FROM broadcasts WHERE id = {id}"));
        Assert.Empty(owners.Recipients(id));
        Assert.Empty(owners.QueuedAnnouncements());

        // Between the create and the start: budi stops announcements, and a new owner arrives.
        await fixture.RunAsync((store, now) =>
        {
            store.Broadcasts().SetOptedOut(budi, true, now.ToUnixTimeMilliseconds());
            return true;
        });
        owners.Add("citra");

        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await feeder.FeedOnceAsync();
        Assert.Equal("sending", Sql.Text(Db, $"SELECT status FROM broadcasts WHERE id = {id}"));
        Assert.Equal(at.ToUnixTimeMilliseconds(), Sql.Count(Db, $"SELECT started_at FROM broadcasts WHERE id = {id}"));
        Assert.Equal(["ani", "citra"], owners.Recipients(id));
        Assert.Equal(["ani", "citra"], owners.QueuedAnnouncements());

        // The list is fixed now: an owner who arrives after the start does not get this broadcast.
        owners.Add("dewi");
        await feeder.FeedOnceAsync();
        Assert.Equal(["ani", "citra"], owners.Recipients(id));
        Assert.Equal(["ani", "citra"], owners.QueuedAnnouncements());
    }

    [Fact]
    public async Task A_broadcast_whose_recipients_are_all_done_is_finished_by_the_next_round()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var feeder = FeederHost.Create(fixture);
        Assert.True(SegmentParser.TryParse("bahasa=en", Languages.Indonesian, out var nobody, out _));

        var id = await FeederHost.CreateAsync(fixture, nobody);
        Assert.True(await feeder.FeedOnceAsync());
        Assert.Equal("finished", Sql.Text(Db, $"SELECT status FROM broadcasts WHERE id = {id}"));

        Assert.False(await feeder.FeedOnceAsync()); // nothing open any more: the feeder may rest
    }

    [Fact]
    public async Task Cancelling_takes_back_what_waits_and_leaves_what_is_on_the_wire()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        foreach (var chat in new[] { "a", "b", "c", "d", "e" })
        {
            owners.Add(chat);
        }

        var feeder = FeederHost.Create(fixture, queueAhead: 3);
        var id = await FeederHost.CreateAsync(fixture);
        await feeder.FeedOnceAsync();
        Assert.Equal(["a", "b", "c"], owners.QueuedAnnouncements());
        Assert.True(await FeederHost.ClaimAsync(fixture, Db, "a")); // on the wire

        var result = await fixture.RunAsync((store, now) => store.CancelBroadcast(id, now.ToUnixTimeMilliseconds()));

        Assert.Equal(("sending", 4), result);
        Assert.Equal("cancelled", Sql.Text(Db, $"SELECT status FROM broadcasts WHERE id = {id}"));
        Assert.Equal(["b", "c", "d", "e"], owners.Recipients(id, "cancelled"));
        Assert.Equal(["a"], owners.Recipients(id, "queued"));
        Assert.Equal(["a"], owners.QueuedAnnouncements());
        Assert.Equal(1, Sql.Count(Db, "SELECT COUNT(*) FROM outbox WHERE chat_id = 'a' AND sending_since IS NOT NULL"));

        // Nothing more is fed for a cancelled broadcast.
        await feeder.FeedOnceAsync();
        Assert.Equal(["a"], owners.QueuedAnnouncements());
    }

    [Fact]
    public async Task Cancelling_a_finished_or_cancelled_broadcast_reports_its_status_and_an_unknown_one_is_null()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var feeder = FeederHost.Create(fixture);
        Assert.True(SegmentParser.TryParse("bahasa=en", Languages.Indonesian, out var nobody, out _));
        var finished = await FeederHost.CreateAsync(fixture, nobody);
        await feeder.FeedOnceAsync();
        var scheduled = await FeederHost.CreateAsync(fixture, at: fixture.Time.GetUtcNow().AddDays(1));

        var results = await fixture.RunAsync((store, now) =>
        {
            var ms = now.ToUnixTimeMilliseconds();
            return (store.CancelBroadcast(finished, ms), store.CancelBroadcast(scheduled, ms), store.CancelBroadcast(scheduled, ms), store.CancelBroadcast(999, ms));
        });

        Assert.Equal((("finished", 0), ("scheduled", 0), ("cancelled", 0), ((string, int)?)null), results);
        Assert.Equal("finished", Sql.Text(Db, $"SELECT status FROM broadcasts WHERE id = {finished}"));

        // A cancelled scheduled broadcast never starts.
        Owner("late");
        fixture.Time.Advance(TimeSpan.FromDays(2));
        await feeder.FeedOnceAsync();
        Assert.Equal("cancelled", Sql.Text(Db, $"SELECT status FROM broadcasts WHERE id = {scheduled}"));
        Assert.Equal(0, Sql.Count(Db, $"SELECT COUNT(*) FROM broadcast_recipients WHERE broadcast_id = {scheduled}"));
    }

    private void Owner(string chatId) => new Owners(Db).Add(chatId);
}

public sealed class SchedulingAndCancelTests_Sqlite() : SchedulingAndCancelTests(StorageProviderKind.Sqlite);

public sealed class SchedulingAndCancelTests_Postgres() : SchedulingAndCancelTests(StorageProviderKind.Postgres);
