using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using ChatAssistant.Tests.Training;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Reminders;

public abstract class TrainingRatingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;
    private readonly TrainingCatalog _catalog = TrainingCatalog.Parse("test.yaml", TrainingReminderTests.OneSeat);

    private protected TrainingRatingTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_follow_up_button_asks_how_it_was_and_the_rating_is_saved_once_for_the_report()
    {
        await using var fixture = await StartAsync();
        var code = await RegisterAsync(fixture, "sari");
        var scheduler = ReminderHost.Create(fixture, [TrainingReminderTests.Source(_catalog)]);
        await scheduler.RunOnceAsync();
        fixture.Time.SetUtcNow(TrainingReminderTests.DayAfter);
        await scheduler.RunOnceAsync();
        var followUp = ReminderHost.Queued(_target).Single(q => q.Command!.Contains("/nilaipelatihan", StringComparison.Ordinal));

        // The button sends its command, as a tap on it does.
        var question = await fixture.SendAsync("sari", $"/nilaipelatihan registration={code}");
        Assert.Contains($"(kode pendaftaran {code})", question.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal("5 — Sangat bermanfaat", question.Reply.Buttons[^1].Label);
        var thanks = await fixture.SendAsync("sari", "5 — Sangat bermanfaat");

        Assert.Contains("Terima kasih! Nilai Bapak/Ibu untuk Bimtek Pemasaran Digital sudah kami simpan", thanks.Reply!.Text, StringComparison.Ordinal);
        Assert.Contains($"registration={code}", followUp.Command, StringComparison.Ordinal);
        Assert.Equal(5, Sql.Count(_target, $"SELECT rating FROM training_registrations WHERE code = '{code}'"));
        Assert.Equal(TrainingReminderTests.DayAfter.ToUnixTimeMilliseconds(), Sql.Count(_target, $"SELECT rated_at FROM training_registrations WHERE code = '{code}'"));
        var readBack = await fixture.RunAsync((store, _) => store.Training().RatingOf(store.Training().RegistrationsOf(OwnerId("sari")).Single().Id));
        Assert.Equal(5, readBack);

        // Rated once: the command again finds nothing left to rate.
        var again = await fixture.SendAsync("sari", "/nilaipelatihan");
        Assert.Contains("Belum ada pelatihan yang bisa Bapak/Ibu beri nilai", again.Reply!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_who_rated_before_the_follow_up_is_not_asked_again()
    {
        await using var fixture = await StartAsync();
        var code = await RegisterAsync(fixture, "sari");
        var scheduler = ReminderHost.Create(fixture, [TrainingReminderTests.Source(_catalog)]);
        await scheduler.RunOnceAsync();

        // The morning after the training, an hour before the follow-up is due, the owner rates it of their own accord.
        fixture.Time.SetUtcNow(TrainingReminderTests.DayAfter.AddHours(-1));
        await fixture.SendAsync("sari", $"/nilaipelatihan registration={code}");
        await fixture.SendAsync("sari", "4");
        Assert.Equal(4, Sql.Count(_target, $"SELECT rating FROM training_registrations WHERE code = '{code}'"));

        fixture.Time.SetUtcNow(TrainingReminderTests.DayAfter);
        await scheduler.RunOnceAsync();

        Assert.DoesNotContain(ReminderHost.Queued(_target), q => q.Command?.Contains("/nilaipelatihan", StringComparison.Ordinal) == true);
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM reminders WHERE kind = 'training_followup' AND state = 'cancelled' AND reason = 'rated'"));
    }

    [Fact]
    public async Task Without_a_code_the_owner_picks_among_ended_trainings_and_a_training_not_ended_is_not_offered()
    {
        await using var fixture = await StartAsync();
        var code = await RegisterAsync(fixture, "sari");

        var early = await fixture.SendAsync("sari", "/nilaipelatihan");
        Assert.Contains("Belum ada pelatihan", early.Reply!.Text, StringComparison.Ordinal);

        fixture.Time.SetUtcNow(TrainingReminderTests.DayAfter);
        var pick = await fixture.SendAsync("sari", "/nilaipelatihan");
        Assert.Equal($"{code} · Bimtek Pemasaran Digital", Assert.Single(pick.Reply!.Buttons).Label);
        await fixture.SendAsync("sari", "1");
        await fixture.SendAsync("sari", "2");

        Assert.Equal(2, Sql.Count(_target, $"SELECT rating FROM training_registrations WHERE code = '{code}'"));
    }

    [Fact]
    public async Task Another_owners_code_is_neither_offered_nor_rated()
    {
        await using var fixture = await StartAsync();
        var code = await RegisterAsync(fixture, "sari");
        await fixture.SendAsync("budi", "halo");
        fixture.Time.SetUtcNow(TrainingReminderTests.DayAfter);

        var through = await fixture.SendAsync("budi", $"/nilaipelatihan registration={code}");
        Assert.Contains("Belum ada pelatihan", through.Reply!.Text, StringComparison.Ordinal);

        // Even straight to the action (an old conversation, a typed code): not found, nothing saved.
        var budi = OwnerId("budi");
        var status = await fixture.RunAsync((store, now) =>
        {
            var conversation = new ConversationState("training-rating", 1, "rate", now);
            conversation.SetAnswer("registration", DialogValue.FromText(code));
            conversation.SetAnswer("rating", DialogValue.FromText("1"));
            return Actions(store).Run(TrainingActions.Rate, new UserSession("id") { OwnerId = budi }, conversation, now)["rate_status"].Text;
        });

        Assert.Equal("not_found", status);
        Assert.Equal(0, Sql.Count(_target, "SELECT COUNT(*) FROM training_registrations WHERE rating IS NOT NULL"));
    }

    private Task<WriterFixture> StartAsync()
    {
        var parts = TrainingHost.Parts(_catalog);
        return WriterFixture.StartAsync(_target, TestDialogs.Sales, parts with { MoreDialogs = [.. parts.MoreDialogs!, TrainingHost.Dialog("training-rating.yaml")] });
    }

    private long OwnerId(string chatId) => Sql.Count(_target, $"SELECT id FROM users WHERE chat_id = '{chatId}'");

    private TrainingActions Actions(TestStores store) =>
        new(store.Training(), store.Outbox, _catalog, new TrainingClock(Options.Create(new TrainingOptions())), NullLogger<TrainingActions>.Instance);

    private async Task<string> RegisterAsync(WriterFixture fixture, string chatId)
    {
        await fixture.SendAsync(chatId, "halo");
        var ownerId = OwnerId(chatId);
        return await fixture.RunAsync((store, now) =>
        {
            var conversation = new ConversationState("training-registration", 2, "register", now);
            conversation.SetAnswer("program", DialogValue.FromText("bimtek-digital"));
            conversation.SetAnswer("nik", DialogValue.FromText(TrainingHost.Nik(3)));
            return Actions(store).Run(TrainingActions.Register, new UserSession("id") { OwnerId = ownerId }, conversation, now)["registration_code"].Text!;
        });
    }
}

public sealed class TrainingRatingTests_Sqlite() : TrainingRatingTests(StorageProviderKind.Sqlite);

public sealed class TrainingRatingTests_Postgres() : TrainingRatingTests(StorageProviderKind.Postgres);
