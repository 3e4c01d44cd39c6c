using ChatAssistant.Broadcasts;
using ChatAssistant.Tests.Support;
using ChatAssistant.Storage;

namespace ChatAssistant.Tests.Broadcasts;

public abstract class QuietHoursTests : IDisposable
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected QuietHoursTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(20, 59, false)]
    [InlineData(21, 0, true)]
    [InlineData(23, 59, true)]
    [InlineData(0, 0, true)]
    [InlineData(6, 59, true)]
    [InlineData(7, 0, false)]
    [InlineData(12, 0, false)]
    public void The_default_quiet_hours_run_from_nine_in_the_evening_across_midnight_to_seven(int hour, int minute, bool quiet)
    {
        var hours = new BroadcastOptions().QuietHours;
        var local = new DateTimeOffset(2026, 11, 23, hour, minute, 0, TimeSpan.FromHours(8));

        Assert.Equal(quiet, hours.IsQuiet(local, 480));
        Assert.Equal(quiet, hours.IsQuiet(local.ToUniversalTime(), 480)); // the owner's local time, whatever the clock's offset
    }

    [Theory]
    [InlineData(11, 59, false)]
    [InlineData(12, 0, true)]
    [InlineData(13, 59, true)]
    [InlineData(14, 0, false)]
    public void A_daytime_window_is_quiet_only_inside_it(int hour, int minute, bool quiet)
    {
        var hours = new QuietHours(TimeSpan.FromHours(12), TimeSpan.FromHours(14));

        Assert.Equal(quiet, hours.IsQuiet(new DateTimeOffset(2026, 11, 23, hour, minute, 0, Wib), 420));
    }

    [Fact]
    public void Equal_start_and_end_mean_no_quiet_hours()
    {
        var hours = new QuietHours(TimeSpan.FromHours(21), TimeSpan.FromHours(21));

        Assert.True(hours.IsOff);
        Assert.False(hours.IsQuiet(new DateTimeOffset(2026, 11, 23, 21, 0, 0, Wib), 420));
        Assert.Equal([420, 480, 540], hours.AwakeOffsets(new DateTimeOffset(2026, 11, 23, 23, 30, 0, Wib)));
        Assert.Empty(hours.QuietOffsets(new DateTimeOffset(2026, 11, 23, 23, 30, 0, Wib)));
    }

    [Fact]
    public void At_half_past_eight_wib_only_wib_owners_are_awake()
    {
        var hours = new BroadcastOptions().QuietHours;
        var evening = new DateTimeOffset(2026, 11, 23, 20, 30, 0, Wib); // 21:30 WITA, 22:30 WIT

        Assert.Equal([420], hours.AwakeOffsets(evening));
        Assert.Equal([480, 540], hours.QuietOffsets(evening));
    }

    [Fact]
    public async Task Announcements_reach_each_time_zone_only_outside_its_owners_quiet_hours()
    {
        await using var fixture = await WriterFixture.StartAsync(_target);
        var owners = new Owners(_target);
        owners.InProvince("wib-bandung", "Jawa Barat");
        owners.InProvince("wib-padang", "Sumatera Barat");
        owners.Add("wib-unknown"); // no province yet: treated as WIB, where most owners live
        owners.InProvince("wita-denpasar", "Bali");
        owners.InProvince("wita-makassar", "Sulawesi Selatan");
        owners.InProvince("wit-jayapura", "Papua");
        var feeder = FeederHost.Create(fixture);

        // 20:30 WIB = 21:30 WITA = 22:30 WIT: only WIB owners are awake.
        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 20, 30, 0, Wib));
        var id = await FeederHost.CreateAsync(fixture);
        Assert.Equal(
            ["wib-bandung:420", "wib-padang:420", "wib-unknown:420", "wit-jayapura:540", "wita-denpasar:480", "wita-makassar:480"],
            owners.Column($"SELECT u.chat_id || ':' || r.utc_offset FROM broadcast_recipients r JOIN users u ON u.id = r.user_id WHERE r.broadcast_id = {id} ORDER BY u.chat_id"));
        await feeder.FeedOnceAsync();
        Assert.Equal(["wib-bandung", "wib-padang", "wib-unknown"], owners.QueuedAnnouncements());
        Assert.Equal(["wit-jayapura", "wita-denpasar", "wita-makassar"], owners.Recipients(id, "waiting"));

        // One of them is on the wire already when quiet hours begin: it is left alone, the others come back out.
        Assert.True(await FeederHost.ClaimAsync(fixture, _target, "wib-padang"));
        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 21, 0, 0, Wib));
        await feeder.FeedOnceAsync();
        Assert.Equal(["wib-padang"], owners.QueuedAnnouncements());
        Assert.Equal(["wib-padang"], owners.Recipients(id, "queued"));
        Assert.Equal(["wib-bandung", "wib-unknown", "wit-jayapura", "wita-denpasar", "wita-makassar"], owners.Recipients(id, "waiting"));

        // Midnight WIB: everyone sleeps, nothing moves.
        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 0, 0, 0, Wib));
        await feeder.FeedOnceAsync();
        Assert.Equal(["wib-padang"], owners.QueuedAnnouncements());

        // 06:00 WIB = 07:00 WITA = 08:00 WIT: the east wakes first.
        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 6, 0, 0, Wib));
        await feeder.FeedOnceAsync();
        Assert.Equal(["wib-padang", "wit-jayapura", "wita-denpasar", "wita-makassar"], owners.QueuedAnnouncements());
        Assert.Equal(["wib-bandung", "wib-unknown"], owners.Recipients(id, "waiting"));

        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 7, 0, 0, Wib));
        await feeder.FeedOnceAsync();
        Assert.Equal(["wib-bandung", "wib-padang", "wib-unknown", "wit-jayapura", "wita-denpasar", "wita-makassar"], owners.QueuedAnnouncements());
        Assert.Empty(owners.Recipients(id, "waiting"));
        Assert.Equal(6, owners.Recipients(id, "queued").Count);
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM outbox WHERE chat_id = 'wib-padang'")); // never queued twice
    }

    [Fact]
    public async Task Without_quiet_hours_everyone_is_fed_late_at_night()
    {
        await using var fixture = await WriterFixture.StartAsync(_target);
        var owners = new Owners(_target);
        owners.InProvince("wib", "Jawa Barat");
        owners.InProvince("wit", "Papua");
        var feeder = FeederHost.Create(fixture, options: new BroadcastOptions { QuietHoursStart = TimeSpan.FromHours(21), QuietHoursEnd = TimeSpan.FromHours(21) });

        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 23, 30, 0, Wib));
        await FeederHost.CreateAsync(fixture);
        await feeder.FeedOnceAsync();

        Assert.Equal(["wib", "wit"], owners.QueuedAnnouncements());
    }
}

public sealed class QuietHoursTests_Sqlite() : QuietHoursTests(StorageProviderKind.Sqlite);

public sealed class QuietHoursTests_Postgres() : QuietHoursTests(StorageProviderKind.Postgres);
