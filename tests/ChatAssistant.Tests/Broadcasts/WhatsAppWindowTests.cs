using ChatAssistant.Broadcasts;
using ChatAssistant.Outbox;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>
/// Announcements to WhatsApp owners, on the fake clock: inside the 24-hour window (their last message less than a day
/// ago) free-form as on Telegram; outside it the broadcast's approved template, or nothing and counted outside_window.
/// </summary>
public sealed class WhatsAppWindowTests : IDisposable
{
    private const string WhatsApp = "whatsapp";

    private static readonly OutboxTemplate Template = new("info_program", "id", ["Bimtek Padang"]);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.DatabasePath;

    [Fact]
    public async Task Without_a_template_owners_outside_the_window_are_counted_and_never_queued()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        var now = fixture.Time.GetUtcNow();
        owners.Add("6281100000001", channel: WhatsApp, lastSeen: now - TimeSpan.FromHours(1));
        owners.Add("6281100000002", channel: WhatsApp, lastSeen: now - TimeSpan.FromHours(23)); // still inside, with the margin to spare
        owners.Add("6281100000003", channel: WhatsApp, lastSeen: now - TimeSpan.FromHours(25));
        owners.Add("6281100000004", channel: WhatsApp, lastSeen: now - TimeSpan.FromDays(9));
        owners.Add("tg-old", channel: "telegram", lastSeen: now - TimeSpan.FromDays(9)); // Telegram has no window
        var id = await FeederHost.CreateAsync(fixture);

        await FeederHost.Create(fixture, WhatsApp).FeedOnceAsync();
        await FeederHost.Create(fixture, "telegram").FeedOnceAsync();

        Assert.Equal(["6281100000001", "6281100000002", "tg-old"], owners.QueuedAnnouncements());
        Assert.Equal(["6281100000003", "6281100000004"], owners.Recipients(id, RecipientStatuses.OutsideWindow));
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM outbox WHERE template IS NOT NULL"));
        var summary = Assert.Single(BroadcastSummary.Read(fixture.Session.Connection, id));
        Assert.Equal(2, summary.OutsideWindow);
        Assert.Equal(3, summary.Queued);
    }

    [Fact]
    public async Task With_a_template_owners_outside_the_window_get_the_template_and_status_counts_them()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        var now = fixture.Time.GetUtcNow();
        owners.Add("6281100000001", channel: WhatsApp, lastSeen: now - TimeSpan.FromHours(1));
        owners.Add("6281100000003", channel: WhatsApp, lastSeen: now - TimeSpan.FromHours(25));
        var id = await fixture.RunAsync((store, at) => store.Broadcasts().CreateBroadcast(
            new BroadcastDraft("Pendaftaran Bimtek Padang ditutup Jumat.", null, null, BroadcastSegment.Everyone, "test", null, Template), at.ToUnixTimeMilliseconds()));
        Assert.Equal(Template.Encode(), Sql.Text(Db, "SELECT whatsapp_template FROM broadcasts"));

        await FeederHost.Create(fixture, WhatsApp).FeedOnceAsync();

        Assert.Equal(["6281100000001", "6281100000003"], owners.QueuedAnnouncements());
        Assert.Null(Sql.Text(Db, "SELECT template FROM outbox WHERE chat_id = '6281100000001'"));
        Assert.Equal(Template.Encode(), Sql.Text(Db, "SELECT template FROM outbox WHERE chat_id = '6281100000003'"));
        var queued = fixture.Outbox.Pending(10, WhatsApp);
        Assert.Equal([null, Template.Encode()], queued.OrderBy(m => m.ChatId, StringComparer.Ordinal).Select(m => m.Template?.Encode()));

        // Sent as the observer records it; the status counts the template sends among the sent.
        var observer = new BroadcastRecipientObserver(fixture.Store.Broadcasts());
        await fixture.RunAsync((store, at) =>
        {
            foreach (var message in queued)
            {
                store.Outbox.MarkSent(message.Id, "wamid." + message.ChatId, at.ToUnixTimeMilliseconds());
                observer.Sent(message, at);
            }

            return true;
        });
        var summary = Assert.Single(BroadcastSummary.Read(fixture.Session.Connection, id));
        Assert.Equal((2, 1, 0), (summary.Sent, summary.ViaTemplate, summary.OutsideWindow));
        using var text = new StringWriter();
        BroadcastReport.WriteText(text, [summary]);
        Assert.Contains("WhatsApp outside the 24-hour window: 1 sent as the approved template, 0 not sent", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_who_writes_before_their_turn_is_back_inside_the_window()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        var now = fixture.Time.GetUtcNow();
        owners.Add("6281100000003", channel: WhatsApp, lastSeen: now - TimeSpan.FromDays(2));
        var id = await FeederHost.CreateAsync(fixture, at: now + TimeSpan.FromHours(1));

        // The list is fixed at the start; the window is read when each owner's turn comes.
        Sql.Execute(Db, $"UPDATE users SET last_seen_at = {(now + TimeSpan.FromMinutes(30)).ToUnixTimeMilliseconds()}");
        fixture.Time.Advance(TimeSpan.FromHours(1));
        await FeederHost.Create(fixture, WhatsApp).FeedOnceAsync();

        Assert.Equal(["6281100000003"], owners.QueuedAnnouncements());
        Assert.Equal("queued", owners.RecipientStatus(id, "6281100000003"));
    }

    [Fact]
    public async Task Close_to_the_end_of_the_window_only_a_template_goes()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var owners = new Owners(Db);
        var now = fixture.Time.GetUtcNow();

        // Five minutes of the window left: a free-form announcement could arrive after it closed and be refused.
        owners.Add("6281100000005", channel: WhatsApp, lastSeen: now - TimeSpan.FromHours(24) + TimeSpan.FromMinutes(5));
        var id = await FeederHost.CreateAsync(fixture);
        await FeederHost.Create(fixture, WhatsApp).FeedOnceAsync();

        Assert.Equal(RecipientStatuses.OutsideWindow, owners.RecipientStatus(id, "6281100000005"));
    }
}
