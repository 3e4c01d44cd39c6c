using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Training;

public abstract class TrainingActionsTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected TrainingActionsTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Registering_again_for_the_same_programme_returns_the_existing_registration()
    {
        var catalog = TrainingCatalog.Parse("test.yaml", TrainingHost.OneProgramme);
        await using var fixture = await WriterFixture.StartAsync(_target);
        await fixture.SendAsync("sari", "halo");
        var ownerId = Sql.Count(_target, "SELECT id FROM users WHERE chat_id = 'sari'");

        var (first, second) = await fixture.RunAsync((store, now) =>
        {
            var actions = Actions(store, catalog);
            return (Register(actions, ownerId, now), Register(actions, ownerId, now.AddMinutes(5)));
        });

        Assert.Equal("seat", first["registration_status"].Text);
        Assert.Equal(first["registration_code"].Text, second["registration_code"].Text);
        Assert.True(second["already_registered"].AsBool);
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM training_registrations"));
    }

    [Fact]
    public void A_code_has_no_look_alike_characters()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = RegistrationCodes.Next();
            Assert.Equal(RegistrationCodes.Length, code.Length);
            Assert.False(code.Any(c => c is '0' or 'O' or '1' or 'I' or 'L'), code);
            Assert.Equal(code, RegistrationCodes.Normalize(code.ToLowerInvariant()));
        }
    }

    [Fact]
    public async Task Registering_after_the_deadline_is_refused_as_closed()
    {
        var catalog = TrainingCatalog.Parse("test.yaml", TrainingHost.OneProgramme);
        await using var fixture = await WriterFixture.StartAsync(_target);
        await fixture.SendAsync("sari", "halo");
        var ownerId = Sql.Count(_target, "SELECT id FROM users WHERE chat_id = 'sari'");

        // The deadline is 7 December (WIB): 7 December 17:00 UTC is already the 8th in Jakarta.
        var result = await fixture.RunAsync((store, _) =>
            Register(Actions(store, catalog), ownerId, new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero)));

        Assert.Equal("closed", result["registration_status"].Text);
        Assert.Equal(0, Sql.Count(_target, "SELECT COUNT(*) FROM training_registrations"));
    }

    private static TrainingActions Actions(TestStores store, TrainingCatalog catalog) =>
        new(store.Training(), store.Outbox, catalog, new TrainingClock(Options.Create(new TrainingOptions())), NullLogger<TrainingActions>.Instance);

    private static IReadOnlyDictionary<string, DialogValue> Register(TrainingActions actions, long ownerId, DateTimeOffset now)
    {
        var conversation = new ConversationState("training-registration", 1, "register", now);
        conversation.SetAnswer("program", DialogValue.FromText("bimtek-digital"));
        conversation.SetAnswer("nik", DialogValue.FromText(TrainingHost.Nik(1)));
        return actions.Run(TrainingActions.Register, new UserSession("id") { OwnerId = ownerId }, conversation, now);
    }
}

public sealed class TrainingActionsTests_Sqlite() : TrainingActionsTests(StorageProviderKind.Sqlite);

public sealed class TrainingActionsTests_Postgres() : TrainingActionsTests(StorageProviderKind.Postgres);
