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

public abstract class DeadlineReminderTests : IDisposable
{
    /// <summary>Open to everyone until 12 December 2026: the deadline reminder is due 9 December, 09:00 WIB.</summary>
    private const string Catalog = """
        programs:
          - id: bimtek-digital
            title: { id: Bimtek Pemasaran Digital, en: Digital Marketing Guidance }
            organiser: Balai Diklat Industri Surabaya
            mode: offline
            location: BDI Surabaya
            start: 2026-12-14
            end: 2026-12-18
            capacity: 5
            deadline: 2026-12-12
            description: { id: Lima hari praktik., en: Five hands-on days. }
        """;

    private static readonly DateTimeOffset Due = new(2026, 12, 9, 2, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;
    private readonly TrainingCatalog _catalog = TrainingCatalog.Parse("test.yaml", Catalog);

    private protected DeadlineReminderTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_owner_who_looked_at_a_programme_and_did_not_register_hears_once_3_days_before_its_deadline_and_one_who_registered_does_not()
    {
        await using var fixture = await StartAsync();
        await LookAsync(fixture, "sari");
        await LookAsync(fixture, "budi");
        await RegisterAsync(fixture, "budi"); // registered before the planner read it
        var scheduler = ReminderHost.Create(fixture, [Source(fixture, _catalog)]);

        await scheduler.RunOnceAsync();
        await LookAsync(fixture, "ani");
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await scheduler.RunOnceAsync();
        Assert.Equal(["deadline bimtek-digital scheduled"], ReminderHost.Rows(_target, "sari"));
        Assert.Equal(["deadline bimtek-digital scheduled"], ReminderHost.Rows(_target, "ani"));
        Assert.Empty(ReminderHost.Rows(_target, "budi"));

        // Ani registers after the reminder was planned: it goes at once, not when due.
        await RegisterAsync(fixture, "ani");
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await scheduler.RunOnceAsync();
        Assert.Equal(["deadline bimtek-digital cancelled registered"], ReminderHost.Rows(_target, "ani"));

        fixture.Time.SetUtcNow(Due.AddMinutes(-1));
        Assert.Equal(0, await scheduler.RunOnceAsync());
        fixture.Time.SetUtcNow(Due);
        Assert.Equal(1, await scheduler.RunOnceAsync());
        fixture.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await scheduler.RunOnceAsync());

        var queued = ReminderHost.Queued(_target).Single();
        Assert.Equal("sari", queued.ChatId);
        Assert.Contains("Bimtek Pemasaran Digital ditutup 12 Desember 2026", queued.Text, StringComparison.Ordinal);
        Assert.Contains("/pelatihan program=bimtek-digital", queued.Command, StringComparison.Ordinal);

        // Looking again changes the answer's time, not the reminder: still once.
        await LookAsync(fixture, "sari", again: true);
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await scheduler.RunOnceAsync());
        Assert.Equal(["deadline bimtek-digital queued"], ReminderHost.Rows(_target, "sari"));
    }

    [Fact]
    public async Task An_owner_who_looks_after_the_reminders_moment_is_not_reminded()
    {
        await using var fixture = await StartAsync();
        fixture.Time.SetUtcNow(Due.AddHours(1));
        await LookAsync(fixture, "sari");

        await ReminderHost.Create(fixture, [Source(fixture, _catalog)]).RunOnceAsync();

        Assert.Empty(ReminderHost.Rows(_target));
    }

    [Fact]
    public async Task An_owner_registering_after_the_plan_is_not_reminded_when_due_and_a_programme_gone_from_the_catalogue_is_closed()
    {
        await using var fixture = await StartAsync();
        await LookAsync(fixture, "sari");
        await LookAsync(fixture, "budi");
        var options = new ReminderOptions { PlanInterval = TimeSpan.FromDays(30) }; // planned once: the check alone decides
        var scheduler = ReminderHost.Create(fixture, [Source(fixture, _catalog)], options);
        await scheduler.RunOnceAsync();
        await RegisterAsync(fixture, "budi");

        fixture.Time.SetUtcNow(Due);
        Assert.Equal(1, await scheduler.RunOnceAsync());
        Assert.Equal(["deadline bimtek-digital cancelled registered"], ReminderHost.Rows(_target, "budi"));
        Assert.Equal("sari", ReminderHost.Queued(_target).Single().ChatId);

        // The same reminder checked by a worker whose catalogue no longer has the programme.
        Sql.Execute(_target, "UPDATE reminders SET state = 'scheduled', outbox_id = NULL WHERE reason IS NULL");
        Assert.Equal(0, await ReminderHost.Create(fixture, [Source(fixture, new TrainingCatalog([]))], options).RunOnceAsync());
        Assert.Equal(["deadline bimtek-digital cancelled programme_closed"], ReminderHost.Rows(_target, "sari"));
    }

    private static DeadlineReminderSource Source(WriterFixture fixture, TrainingCatalog catalog) =>
        new(fixture.Engine, catalog, Options.Create(new ReminderOptions()), Options.Create(new TrainingOptions()), NullLogger<DeadlineReminderSource>.Instance);

    private Task<WriterFixture> StartAsync() =>
        WriterFixture.StartAsync(_target, TrainingHost.Dialog("training-registration.yaml"), TrainingHost.Parts(_catalog));

    /// <summary>Through the real registration dialog: consent, sector, province, scale, then the programme; the owner stops at the name.</summary>
    private static async Task LookAsync(WriterFixture fixture, string chatId, bool again = false)
    {
        if (again)
        {
            await fixture.SendAsync(chatId, "/kembali"); // from the name back to the list
            var list = await fixture.SendAsync(chatId, "1");
            Assert.Contains("nama lengkap", list.Reply!.Text, StringComparison.Ordinal);
            return;
        }

        await fixture.SendAsync(chatId, "/pelatihan");
        await fixture.SendAsync(chatId, "Ya");
        await fixture.SendAsync(chatId, "Kerajinan");
        await fixture.SendAsync(chatId, "Jawa Timur");
        var programmes = await fixture.SendAsync(chatId, "Mikro");
        Assert.Contains("Bimtek Pemasaran Digital", programmes.Reply!.Text, StringComparison.Ordinal);
        var name = await fixture.SendAsync(chatId, "1");
        Assert.Contains("nama lengkap", name.Reply!.Text, StringComparison.Ordinal);
    }

    private async Task RegisterAsync(WriterFixture fixture, string chatId)
    {
        var ownerId = Sql.Count(_target, $"SELECT id FROM users WHERE chat_id = '{chatId}'");
        var status = await fixture.RunAsync((store, now) =>
        {
            var actions = new TrainingActions(store.Training(), store.Outbox, _catalog, new TrainingClock(Options.Create(new TrainingOptions())), NullLogger<TrainingActions>.Instance);
            var conversation = new ConversationState("training-registration", 2, "register", now);
            conversation.SetAnswer("program", DialogValue.FromText("bimtek-digital"));
            conversation.SetAnswer("nik", DialogValue.FromText(TrainingHost.Nik(2)));
            return actions.Run(TrainingActions.Register, new UserSession("id") { OwnerId = ownerId }, conversation, now)["registration_status"].Text;
        });
        Assert.Equal("seat", status);
    }
}

public sealed class DeadlineReminderTests_Sqlite() : DeadlineReminderTests(StorageProviderKind.Sqlite);

public sealed class DeadlineReminderTests_Postgres() : DeadlineReminderTests(StorageProviderKind.Postgres);
