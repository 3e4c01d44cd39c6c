using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Reminders;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using ChatAssistant.Tests.Training;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Reminders;

public abstract class TrainingReminderTests : IDisposable
{
    /// <summary>One seat, 14-18 December 2026, registration until the 12th: 3-day reminder 11 Dec, 1-day 13 Dec, follow-up 19 Dec, each 09:00 WIB.</summary>
    internal const string OneSeat = """
        programs:
          - id: bimtek-digital
            title: { id: Bimtek Pemasaran Digital, en: Digital Marketing Guidance }
            organiser: Balai Diklat Industri Surabaya
            contact: 031-555-0101
            mode: offline
            location: BDI Surabaya
            start: 2026-12-14
            end: 2026-12-18
            capacity: 1
            deadline: 2026-12-12
            description: { id: Lima hari praktik., en: Five hands-on days. }
        """;

    internal static readonly DateTimeOffset ThreeDaysBefore = new(2026, 12, 11, 2, 0, 0, TimeSpan.Zero);
    internal static readonly DateTimeOffset OneDayBefore = new(2026, 12, 13, 2, 0, 0, TimeSpan.Zero);
    internal static readonly DateTimeOffset DayAfter = new(2026, 12, 19, 2, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;
    private readonly TrainingCatalog _catalog = TrainingCatalog.Parse("test.yaml", OneSeat);

    private protected TrainingReminderTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Each_training_reminder_goes_at_its_time_once_with_the_code_dates_and_its_button()
    {
        await using var fixture = await WriterFixture.StartAsync(_target, TestDialogs.Sales, TrainingHost.Parts(_catalog));
        var code = await RegisterAsync(fixture, "sari");
        var scheduler = ReminderHost.Create(fixture, [Source(_catalog)]);

        Assert.Equal(0, await scheduler.RunOnceAsync());
        Assert.Equal(
            [$"training_3d {code} scheduled", $"training_1d {code} scheduled", $"training_followup {code} scheduled"],
            ReminderHost.Rows(_target));

        fixture.Time.SetUtcNow(ThreeDaysBefore.AddMinutes(-1));
        Assert.Equal(0, await scheduler.RunOnceAsync());
        fixture.Time.SetUtcNow(ThreeDaysBefore);
        Assert.Equal(1, await scheduler.RunOnceAsync());
        Assert.Equal(0, await scheduler.RunOnceAsync());
        fixture.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await scheduler.RunOnceAsync());

        fixture.Time.SetUtcNow(OneDayBefore);
        Assert.Equal(1, await scheduler.RunOnceAsync());
        fixture.Time.SetUtcNow(DayAfter);
        Assert.Equal(1, await scheduler.RunOnceAsync());
        fixture.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await scheduler.RunOnceAsync());

        var queued = ReminderHost.Queued(_target);
        Assert.Equal(3, queued.Count);
        Assert.All(queued, q => Assert.Equal("sari", q.ChatId));
        // The wording is reminders.yaml's; what this source gives it is the fields, written for the owner's language.
        Assert.Contains("Bimtek Pemasaran Digital dimulai 14 Desember 2026, 3 hari lagi", queued[0].Text, StringComparison.Ordinal);
        Assert.Contains("BDI Surabaya", queued[0].Text, StringComparison.Ordinal);
        Assert.Contains(code, queued[0].Text, StringComparison.Ordinal);
        Assert.Contains($"/batalpelatihan registration={code}", queued[0].Command, StringComparison.Ordinal);
        Assert.Contains("besok, 14 Desember 2026", queued[1].Text, StringComparison.Ordinal);
        Assert.Contains($"/batalpelatihan registration={code}", queued[1].Command, StringComparison.Ordinal);
        Assert.Contains("Bimtek Pemasaran Digital", queued[2].Text, StringComparison.Ordinal);
        Assert.Contains($"/nilaipelatihan registration={code}", queued[2].Command, StringComparison.Ordinal);
        Assert.Equal(
            [$"training_3d {code} queued", $"training_1d {code} queued", $"training_followup {code} queued"],
            ReminderHost.Rows(_target));
    }

    [Fact]
    public async Task An_owner_reading_english_gets_the_dates_in_english_and_a_3_day_reminder_held_up_until_the_1_day_one_is_dropped()
    {
        await using var fixture = await WriterFixture.StartAsync(_target, TestDialogs.Sales, TrainingHost.Parts(_catalog));
        await fixture.SendAsync("john", "/language en");
        var code = await RegisterAsync(fixture, "john");
        var scheduler = ReminderHost.Create(fixture, [Source(_catalog)]);
        await scheduler.RunOnceAsync();

        // The worker did not run from before the 3-day reminder until the 1-day one: only the 1-day one goes.
        fixture.Time.SetUtcNow(OneDayBefore);
        Assert.Equal(1, await scheduler.RunOnceAsync());

        var text = ReminderHost.Queued(_target).Single().Text;
        Assert.Contains("Digital Marketing Guidance starts tomorrow, 14 December 2026", text, StringComparison.Ordinal);
        Assert.Contains("BDI Surabaya", text, StringComparison.Ordinal);
        Assert.Equal($"training_3d {code} cancelled too_late", ReminderHost.Rows(_target)[0]);
    }

    [Fact]
    public async Task A_registration_made_two_days_before_the_training_gets_no_3_day_reminder()
    {
        await using var fixture = await WriterFixture.StartAsync(_target, TestDialogs.Sales, TrainingHost.Parts(_catalog));
        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 12, 12, 3, 0, 0, TimeSpan.Zero)); // 10:00 WIB, the deadline's day
        var code = await RegisterAsync(fixture, "sari");
        var scheduler = ReminderHost.Create(fixture, [Source(_catalog)]);

        await scheduler.RunOnceAsync();

        Assert.Equal([$"training_1d {code} scheduled", $"training_followup {code} scheduled"], ReminderHost.Rows(_target));
    }

    [Fact]
    public async Task A_cancelled_registration_loses_its_reminders_at_once_and_the_owner_promoted_from_the_waiting_list_gets_them()
    {
        await using var fixture = await WriterFixture.StartAsync(_target, TestDialogs.Sales, TrainingHost.Parts(_catalog));
        var sari = await RegisterAsync(fixture, "sari");
        var budi = await RegisterAsync(fixture, "budi"); // the one seat is taken: the waiting list
        var scheduler = ReminderHost.Create(fixture, [Source(_catalog)]);
        await scheduler.RunOnceAsync();
        Assert.Empty(ReminderHost.Rows(_target, "budi"));

        // The reminder's own button: straight to "are you sure?".
        var sure = await fixture.SendAsync("sari", $"/batalpelatihan registration={sari}");
        Assert.Contains($"Yakin membatalkan pendaftaran {sari}?", sure.Reply!.Text, StringComparison.Ordinal);
        var done = await fixture.SendAsync("sari", "Ya");
        Assert.Contains("sudah dibatalkan", done.Reply!.Text, StringComparison.Ordinal);

        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await scheduler.RunOnceAsync();
        Assert.Equal(
            [$"training_3d {sari} cancelled registration_cancelled", $"training_1d {sari} cancelled registration_cancelled", $"training_followup {sari} cancelled registration_cancelled"],
            ReminderHost.Rows(_target, "sari"));
        Assert.Equal(
            [$"training_3d {budi} scheduled", $"training_1d {budi} scheduled", $"training_followup {budi} scheduled"],
            ReminderHost.Rows(_target, "budi"));

        foreach (var at in new[] { ThreeDaysBefore, OneDayBefore, DayAfter })
        {
            fixture.Time.SetUtcNow(at);
            await scheduler.RunOnceAsync();
        }

        Assert.Equal(["budi", "budi", "budi"], ReminderHost.Queued(_target).Select(q => q.ChatId));
    }

    [Fact]
    public async Task A_registration_cancelled_by_any_path_is_not_reminded_when_due()
    {
        await using var fixture = await WriterFixture.StartAsync(_target, TestDialogs.Sales, TrainingHost.Parts(_catalog));
        var code = await RegisterAsync(fixture, "sari");
        var scheduler = ReminderHost.Create(fixture, [Source(_catalog)], new ReminderOptions { PlanInterval = TimeSpan.FromHours(1) });
        await scheduler.RunOnceAsync();

        // Cancelled just before the reminder's time, within the same plan interval: the check catches it.
        fixture.Time.SetUtcNow(ThreeDaysBefore.AddSeconds(-30));
        await scheduler.RunOnceAsync();
        Sql.Execute(_target, $"UPDATE training_registrations SET status = 'cancelled' WHERE code = '{code}'");
        fixture.Time.SetUtcNow(ThreeDaysBefore);
        Assert.Equal(0, await scheduler.RunOnceAsync());

        Assert.Equal($"training_3d {code} cancelled registration_cancelled", ReminderHost.Rows(_target)[0]);
        Assert.Empty(ReminderHost.Queued(_target));
    }

    [Fact]
    public async Task A_programme_gone_from_the_catalogue_cancels_and_a_start_already_reached_is_too_late()
    {
        await using var fixture = await WriterFixture.StartAsync(_target, TestDialogs.Sales, TrainingHost.Parts(_catalog));
        var code = await RegisterAsync(fixture, "sari");
        await ReminderHost.Create(fixture, [Source(_catalog)]).RunOnceAsync();

        // The worker was down from before the 1-day reminder until the first morning of the training.
        var afterRestart = ReminderHost.Create(fixture, [Source(_catalog)]);
        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await afterRestart.RunOnceAsync());
        Assert.Equal([$"training_3d {code} skipped too_late", $"training_1d {code} cancelled too_late", $"training_followup {code} scheduled"], ReminderHost.Rows(_target));

        // Restarted with a catalogue that no longer has the programme.
        var withoutIt = ReminderHost.Create(fixture, [Source(new TrainingCatalog([]))]);
        fixture.Time.SetUtcNow(DayAfter);
        Assert.Equal(0, await withoutIt.RunOnceAsync());
        Assert.Equal($"training_followup {code} cancelled programme_closed", ReminderHost.Rows(_target)[2]);
    }

    internal static TrainingReminderSource Source(TrainingCatalog catalog) =>
        new(catalog, Options.Create(new ReminderOptions()), Options.Create(new TrainingOptions()), NullLogger<TrainingReminderSource>.Instance);

    /// <summary>Registers the owner (creating them) for bimtek-digital through the registration action, at the fixture's time; the code.</summary>
    internal async Task<string> RegisterAsync(WriterFixture fixture, string chatId)
    {
        await fixture.SendAsync(chatId, "halo");
        var ownerId = Sql.Count(_target, $"SELECT id FROM users WHERE chat_id = '{chatId}'");
        var language = Sql.Text(_target, $"SELECT language FROM users WHERE chat_id = '{chatId}'")!;
        return await fixture.RunAsync((store, now) =>
        {
            var actions = new TrainingActions(store.Training(), store.Outbox, _catalog, new TrainingClock(Options.Create(new TrainingOptions())), NullLogger<TrainingActions>.Instance);
            var conversation = new ConversationState("training-registration", 1, "register", now);
            conversation.SetAnswer("program", DialogValue.FromText("bimtek-digital"));
            conversation.SetAnswer("nik", DialogValue.FromText(TrainingHost.Nik(1)));
            var result = actions.Run(TrainingActions.Register, new UserSession(language) { OwnerId = ownerId }, conversation, now);
            return result["registration_code"].Text!;
        });
    }
}

public sealed class TrainingReminderTests_Sqlite() : TrainingReminderTests(StorageProviderKind.Sqlite);

public sealed class TrainingReminderTests_Postgres() : TrainingReminderTests(StorageProviderKind.Postgres);
