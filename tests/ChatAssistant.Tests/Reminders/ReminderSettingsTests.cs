using ChatAssistant.Conversations;
using ChatAssistant.Dialogs;
using ChatAssistant.Reminders;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Reminders;

/// <summary>
/// /pengingat through the real writer and database: the shipped reminder-settings dialog with the real
/// <see cref="ReminderActions"/> lists what is scheduled for the owner, and a topic turned off is stored in
/// reminder_settings, where the scheduler's next round reads it and skips that topic's due reminders until it is on again.
/// </summary>
public abstract class ReminderSettingsTests : StorageMatrix
{
    private const string Channel = "test";

    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private protected ReminderSettingsTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    // The fixture's clock starts at 2026-11-23 08:00 UTC: 15:00 WIB, a working afternoon everywhere in Indonesia.

    [Fact]
    public async Task Pengingat_lists_the_owners_upcoming_reminders_with_their_dates_and_every_topic_on()
    {
        await using var fixture = await StartAsync();
        var ani = await OwnerAsync(fixture, "ani");
        var budi = await OwnerAsync(fixture, "budi");
        await ScheduleAsync(fixture, ani, ReminderKind.TrainingIn3Days, "reg-1", new DateTimeOffset(2026, 12, 5, 9, 0, 0, Wib));
        await ScheduleAsync(fixture, ani, ReminderKind.Deadline, "prog-1", new DateTimeOffset(2026, 12, 2, 9, 0, 0, Wib));
        await ScheduleAsync(fixture, ani, ReminderKind.ExportRecheck, "check-1", new DateTimeOffset(2026, 12, 1, 9, 0, 0, Wib));
        await ScheduleAsync(fixture, budi, ReminderKind.Unfinished, "conv-9", new DateTimeOffset(2026, 11, 24, 9, 0, 0, Wib));
        Db.Execute($"UPDATE reminders SET state = 'sent' WHERE subject = 'check-1'"); // already sent: not upcoming

        var reply = Text(await fixture.SendAsync("ani", "/pengingat"));

        Assert.Contains(
            "• Batas waktu pendaftaran — 2 Desember 2026\n• Pengingat pelatihan (3 hari sebelum mulai) — 5 Desember 2026\n",
            reply, StringComparison.Ordinal);
        Assert.DoesNotContain("kesiapan ekspor —", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Percakapan yang belum selesai —", reply, StringComparison.Ordinal); // budi's
        Assert.Contains(
            "• Pengingat pelatihan: aktif\n• Batas waktu pendaftaran: aktif\n• Percakapan yang belum selesai: aktif\n• Cek ulang kesiapan ekspor: aktif",
            reply, StringComparison.Ordinal);

        var none = Text(await fixture.SendAsync("cici", "/pengingat"));
        Assert.Contains("Belum ada pengingat terjadwal.", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_turned_off_once_agreed_is_stored_and_its_due_reminder_skipped_while_other_topics_go_and_on_again_the_next_one_goes()
    {
        await using var fixture = await StartAsync();
        var scheduler = ReminderHost.Create(fixture, [new FakeSource()], channels: [Channel]);
        var ani = await OwnerAsync(fixture, "ani");
        var due = fixture.Time.GetUtcNow() + TimeSpan.FromMinutes(10);
        var training = await ScheduleAsync(fixture, ani, ReminderKind.TrainingIn1Day, "reg-1", due);
        var deadline = await ScheduleAsync(fixture, ani, ReminderKind.Deadline, "prog-1", due);

        await fixture.SendAsync("ani", "/pengingat");
        var asked = Text(await fixture.SendAsync("ani", "matikan pelatihan"));
        Assert.Contains("Pengingat pelatihan sekarang aktif. Matikan?", asked, StringComparison.Ordinal);
        Assert.Equal(0, Db.Count($"SELECT COUNT(*) FROM reminder_settings WHERE user_id = {ani}")); // nothing before they agree
        var off = Text(await fixture.SendAsync("ani", "iya kak"));

        Assert.Contains("Pengingat pelatihan dimatikan", off, StringComparison.Ordinal);
        Assert.Contains("(sehari sebelum mulai) — 23 November 2026 (dimatikan: tidak dikirim)", off, StringComparison.Ordinal);
        Assert.Contains("• Pengingat pelatihan: dimatikan", off, StringComparison.Ordinal);
        Assert.Equal(0, Db.Count($"SELECT enabled FROM reminder_settings WHERE user_id = {ani} AND topic = 'training'"));
        Assert.Equal(1, Db.Count($"SELECT COUNT(*) FROM reminder_settings WHERE user_id = {ani}"));

        // Turned off, it stays scheduled until it is due; then the round skips it and says why.
        Assert.Equal(0, await scheduler.RunOnceAsync());
        Assert.Equal("scheduled", State(training));
        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await scheduler.RunOnceAsync());
        Assert.Equal("skipped turned_off", State(training));
        Assert.Equal("queued", State(deadline));

        // "matikan pelatihan" again, now that it is off: the owner is told so and saying no changes nothing.
        Assert.Contains("Pengingat pelatihan sekarang dimatikan. Nyalakan lagi?", Text(await fixture.SendAsync("ani", "matikan pelatihan")), StringComparison.Ordinal);
        Assert.Contains("tidak diubah", Text(await fixture.SendAsync("ani", "tidak")), StringComparison.Ordinal);
        Assert.Equal(0, Db.Count($"SELECT enabled FROM reminder_settings WHERE user_id = {ani} AND topic = 'training'"));

        // "1" is the first button: training, now off; yes turns it on again and the next training reminder goes.
        Assert.Contains("Nyalakan lagi?", Text(await fixture.SendAsync("ani", "1")), StringComparison.Ordinal);
        var on = Text(await fixture.SendAsync("ani", "ya"));
        Assert.Contains("Pengingat pelatihan dinyalakan lagi.", on, StringComparison.Ordinal);
        Assert.Contains("• Pengingat pelatihan: aktif", on, StringComparison.Ordinal);
        Assert.Equal(1, Db.Count($"SELECT enabled FROM reminder_settings WHERE user_id = {ani} AND topic = 'training'"));
        var followUp = await ScheduleAsync(fixture, ani, ReminderKind.TrainingFollowUp, "reg-1", fixture.Time.GetUtcNow() + TimeSpan.FromMinutes(5));
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await scheduler.RunOnceAsync());
        Assert.Equal("queued", State(followUp));
        Assert.Equal("skipped turned_off", State(training)); // what was skipped stays skipped: not sent late

        var done = Text(await fixture.SendAsync("ani", "selesai"));
        Assert.Contains("kapan saja dengan /pengingat", done, StringComparison.Ordinal);
        Assert.Equal("done", Db.Text("SELECT outcome FROM conversations WHERE dialog_id = 'reminder-settings'"));
    }

    [Fact]
    public async Task An_english_speaking_owner_reads_the_list_and_topics_in_english()
    {
        await using var fixture = await StartAsync();
        var john = NewOwners().Add("john", Languages.English, channel: Channel);
        await ScheduleAsync(fixture, john, ReminderKind.TrainingFollowUp, "reg-2", new DateTimeOffset(2026, 12, 12, 9, 0, 0, Wib));

        var reply = Text(await fixture.SendAsync("john", "/reminders"));
        Assert.Contains("• Training reminders (rating it afterwards) — 12 December 2026", reply, StringComparison.Ordinal);
        Assert.Contains("• Training reminders: on\n• Registration deadlines: on", reply, StringComparison.Ordinal);

        Assert.Contains("Training reminders are on now. Turn them off?", Text(await fixture.SendAsync("john", "turn off training")), StringComparison.Ordinal);
        var off = Text(await fixture.SendAsync("john", "yes"));
        Assert.Contains("Training reminders turned off", off, StringComparison.Ordinal);
        Assert.Contains("• Training reminders: off", off, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_are_the_owners_own_a_late_wib_evening_is_already_the_next_day_in_papua()
    {
        await using var fixture = await StartAsync();
        var papua = NewOwners().Add("papua", channel: Channel, profile: ("province", "t:Papua"));
        var bandung = NewOwners().Add("bandung", channel: Channel, profile: ("province", "t:Jawa Barat"));
        var lateEvening = new DateTimeOffset(2026, 11, 24, 23, 30, 0, Wib);
        await ScheduleAsync(fixture, papua, ReminderKind.Unfinished, "conv-1", lateEvening);
        await ScheduleAsync(fixture, bandung, ReminderKind.Unfinished, "conv-2", lateEvening);

        Assert.Contains("Percakapan yang belum selesai — 25 November 2026", Text(await fixture.SendAsync("papua", "/pengingat")), StringComparison.Ordinal);
        Assert.Contains("Percakapan yang belum selesai — 24 November 2026", Text(await fixture.SendAsync("bandung", "/pengingat")), StringComparison.Ordinal);
    }

    private Task<WriterFixture> StartAsync() =>
        WriterFixture.StartAsync(Db, TestDialogs.Sales, new HostParts(
            Actions: (store, _) => new DialogActions([new ReminderActions(store.Reminders(), ReminderHost.Texts, NullLogger<ReminderActions>.Instance)]),
            MoreDialogs: [Owners.ShippedDialog("reminder-settings.yaml")]));

    private Owners NewOwners() => new(Db);

    /// <summary>An owner who has written once (so the writer knows them), on the fixture's channel; their user id.</summary>
    private async Task<long> OwnerAsync(WriterFixture fixture, string chatId)
    {
        await fixture.SendAsync(chatId, "halo");
        return Db.Count($"SELECT id FROM users WHERE channel = '{Channel}' AND chat_id = '{chatId}'");
    }

    private async Task<long> ScheduleAsync(WriterFixture fixture, long userId, ReminderKind kind, string subject, DateTimeOffset due)
    {
        Assert.True(await fixture.RunAsync((stores, now) =>
            stores.Reminders().Schedule(userId, kind, subject, due.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds())));
        return Db.Count($"SELECT id FROM reminders WHERE user_id = {userId} AND kind = '{kind.Name()}' AND subject = '{subject}'");
    }

    private string? State(long id) =>
        Db.Text($"SELECT state || COALESCE(' ' || reason, '') FROM reminders WHERE id = {id}");

    private static string Text(HandledMessage handled) => handled.Reply?.Text ?? string.Empty;

    /// <summary>Every kind's reminder still holds: the test is about the owner's topics, not any kind's own checks.</summary>
    private sealed class FakeSource : IReminderSource
    {
        public IReadOnlyList<ReminderKind> Kinds => ReminderKinds.All;

        public void Plan(ReminderStore store, DateTimeOffset now)
        {
        }

        public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now) =>
            ReminderCheck.Send(
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["title"] = "Bimtek Digital", ["start"] = "24 November 2026", ["end"] = "25 November 2026", ["place"] = "Padang",
                    ["code"] = "AB12", ["contact"] = "0812", ["deadline"] = "24 November 2026", ["dialog"] = "Cek omzet",
                    ["date"] = "1 November 2026", ["score"] = "70",
                },
                null);
    }
}

public sealed class ReminderSettingsTests_Sqlite() : ReminderSettingsTests(StorageProviderKind.Sqlite);

public sealed class ReminderSettingsTests_Postgres() : ReminderSettingsTests(StorageProviderKind.Postgres);
