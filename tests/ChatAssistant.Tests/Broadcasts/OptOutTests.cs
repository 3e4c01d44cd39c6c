using ChatAssistant.Broadcasts;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Broadcasts;

public abstract class OptOutTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected OptOutTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    private StorageTarget Db => _target;

    [Fact]
    public async Task Berhenti_stops_announcements_takes_back_the_queued_one_and_mulai_turns_them_on_again()
    {
        await using var fixture = await WriterFixture.StartAsync(Db, TestDialogs.Sales,
            Owners.Actions(Owners.ShippedDialog("announcements-stop.yaml"), Owners.ShippedDialog("announcements-start.yaml")));
        var owners = new Owners(Db);
        await fixture.SendAsync("sari", "/omzet");
        await fixture.SendAsync("budi", "/omzet");
        var feeder = FeederHost.Create(fixture, channel: "test");
        var first = await FeederHost.CreateAsync(fixture);
        await feeder.FeedOnceAsync();
        var second = await FeederHost.CreateAsync(fixture); // its list is fixed, sari on it, not fed yet
        Assert.Equal(["budi", "sari"], owners.QueuedAnnouncements());
        Assert.Equal(["budi", "sari"], owners.Recipients(second, "waiting"));

        var stopped = await fixture.SendAsync("sari", "/berhenti");

        Assert.StartsWith("Baik, Bapak/Ibu tidak akan menerima pengumuman program lagi.", stopped.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(1, Sql.Count(Db, "SELECT COUNT(*) FROM users WHERE chat_id = 'sari' AND opted_out_at IS NOT NULL"));
        Assert.Equal("opted_out", owners.RecipientStatus(first, "sari"));
        Assert.Equal(["budi"], owners.QueuedAnnouncements());

        // A list fixed before the opt-out: the next feed skips her and says why.
        await feeder.FeedOnceAsync();
        Assert.Equal("opted_out", owners.RecipientStatus(second, "sari"));
        Assert.Equal("queued", owners.RecipientStatus(second, "budi"));
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM outbox WHERE chat_id = 'sari' AND broadcast_id IS NOT NULL"));

        // A broadcast created while she is opted out does not list her at all.
        var third = await FeederHost.CreateAsync(fixture);
        Assert.Equal(["budi"], owners.Recipients(third));

        // The dialogs still answer her: she picks up her sales check (paused by /berhenti) where it was.
        var resumed = await fixture.SendAsync("sari", "/omzet");
        Assert.Contains("Nama usaha Anda?", resumed.Reply!.Text, StringComparison.Ordinal);
        var answer = await fixture.SendAsync("sari", "Toko Sari");
        Assert.Equal("Omzet setahun?", answer.Reply!.Text);

        var started = await fixture.SendAsync("sari", "/mulai");
        Assert.StartsWith("Baik, Bapak/Ibu akan menerima pengumuman program lagi", started.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM users WHERE chat_id = 'sari' AND opted_out_at IS NOT NULL"));
        var fourth = await FeederHost.CreateAsync(fixture);
        Assert.Equal(["budi", "sari"], owners.Recipients(fourth));
    }

    [Fact]
    public async Task Stop_in_english_opts_out_too()
    {
        await using var fixture = await WriterFixture.StartAsync(Db, TestDialogs.Sales,
            Owners.Actions(Owners.ShippedDialog("announcements-stop.yaml"), Owners.ShippedDialog("announcements-start.yaml")));
        await fixture.SendAsync("john", "/language en");

        var stopped = await fixture.SendAsync("john", "/stop");

        Assert.StartsWith("All right, you will not receive programme announcements any more.", stopped.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(1, Sql.Count(Db, "SELECT COUNT(*) FROM users WHERE chat_id = 'john' AND opted_out_at IS NOT NULL"));
    }

    [Fact]
    public void Every_announcement_ends_with_how_to_stop_in_the_language_of_its_text()
    {
        using var store = new TestStores(Db, new FakeTimeProvider());
        var owners = new Owners(Db);
        owners.Add("ani");
        owners.Add("john", Languages.English);
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        store.Begin();
        store.Broadcasts().CreateBroadcast(new BroadcastDraft("Pelatihan gratis dibuka.  ", "Free training is open.", null, BroadcastSegment.Everyone, "test", null), now);
        store.Broadcasts().FeedAnnouncements("telegram", 10, [420, 480, 540], now);
        store.Commit();
        var bilingual = Texts();

        Assert.Equal("Pelatihan gratis dibuka.\n\nTidak ingin menerima pengumuman? Ketik /berhenti (layanan tetap bisa dipakai).", bilingual["ani"]);
        Assert.Equal("Free training is open.\n\nDon't want these announcements? Type /stop (your services keep working).", bilingual["john"]);

        // Written only in Indonesian: the English reader gets it whole in Indonesian, footer included.
        Sql.Execute(Db, "DELETE FROM outbox");
        store.Begin();
        store.Broadcasts().CreateBroadcast(new BroadcastDraft("Pelatihan gratis dibuka.", null, null, BroadcastSegment.Everyone, "test", null), now);
        store.Broadcasts().FeedAnnouncements("telegram", 10, [420, 480, 540], now);
        store.Commit();

        Assert.Equal(bilingual["ani"], Texts()["john"]);
    }

    private Dictionary<string, string> Texts() =>
        new Owners(Db).Column("SELECT chat_id || '|' || text FROM outbox WHERE broadcast_id IS NOT NULL")
            .Select(row => row.Split('|', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}

public sealed class OptOutTests_Sqlite() : OptOutTests(StorageProviderKind.Sqlite);

public sealed class OptOutTests_Postgres() : OptOutTests(StorageProviderKind.Postgres);
