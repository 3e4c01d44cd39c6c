using ChatAssistant.Broadcasts;
using ChatAssistant.Channels;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Handoff;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Support;

/// <summary>
/// A real writer on a real database (a SQLite file, or a PostgreSQL database of the test's own: a
/// <see cref="StorageTarget"/>): what a worker runs, minus the channels.
/// </summary>
internal sealed class WriterFixture : IAsyncDisposable
{
    private readonly StorageTarget? _ownTarget;

    private WriterFixture(StorageTarget target, bool ownsTarget, DialogCatalog catalog, FakeTimeProvider time, HostParts? host, OperatorOptions? operators, TimeSpan? busyTimeout = null, WorkingHours? handoff = null)
    {
        Time = time;
        Target = target;
        _ownTarget = ownsTarget ? target : null;
        Session = target.Open(time, busyTimeout);
        Sessions = new SessionStore(Session);
        OutboxStore = new OutboxStore(Session);
        DialogVersions = new DialogVersionStore(Session);
        Store = new TestStores(Sessions, OutboxStore, DialogVersions);
        Outbox = new OutboxReader(target.Provider(time)); // its own connection, as in the worker
        Handoff = handoff is null ? null : new HandoffStore(OutboxStore, handoff, Microsoft.Extensions.Logging.Abstractions.NullLogger<HandoffStore>.Instance);
        Engine = new ConversationEngine(catalog, host?.Choices?.Invoke(Store, time), host?.Actions?.Invoke(Store, time)) { OffersHandoff = handoff is not null };
        Writer = new ConversationWriter(
            Sessions,
            OutboxStore,
            DialogVersions,
            Engine,
            new OutboxSignal(),
            time,
            new Random(14),
            Options.Create(new ConversationOptions()),
            NullLogger<ConversationWriter>.Instance,
            operators is null ? null : Options.Create(operators),
            Handoff);
    }

    /// <summary>Conversations handed to people, when the test started the writer with working hours; else null.</summary>
    public HandoffStore? Handoff { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The database the writer writes, to look into from the side.</summary>
    public StorageTarget Target { get; }

    public TestStores Store { get; }

    /// <summary>The writer's session, which every feature store of a test takes.</summary>
    public WriteSession Session { get; }

    public SessionStore Sessions { get; }

    public OutboxStore OutboxStore { get; }

    public DialogVersionStore DialogVersions { get; }

    public OutboxReader Outbox { get; }

    public ConversationWriter Writer { get; }

    /// <summary>The writer's engine, with the test's dialogs: what a source that reads the live dialogs is given.</summary>
    public ConversationEngine Engine { get; }

    /// <summary>Runs a test's store calls on the writer, in its transaction, as a feature's own store would.</summary>
    public Task<T> RunAsync<T>(Func<TestStores, DateTimeOffset, T> work) => Writer.RunAsync(Store, work);

    /// <summary>
    /// Holds the writer inside a store's work until <paramref name="queue"/> has sent its messages, so that all of them
    /// share the next transaction (where the writer keeps some writes until the commit); their results, in order.
    /// </summary>
    public async Task<HandledMessage[]> InOneTransactionAsync(Func<Task<HandledMessage>[]> queue)
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var held = RunAsync((_, _) =>
        {
            started.Set();
            return release.Wait(TimeSpan.FromSeconds(30));
        });
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the writer did not take the holding work");
        var sent = queue();
        release.Set();
        Assert.True(await held, "the writer was held for 30 s");
        return await Task.WhenAll(sent);
    }

    /// <param name="host">Optional run-time lists and actions, built on the fixture's store and clock.</param>
    /// <param name="operators">Who may use the operators' dialogs (none when null, as in a default configuration).</param>
    /// <param name="busyTimeout">How long the writer waits for a lock held elsewhere before the database refuses (5 s when null).</param>
    /// <param name="handoff">With these working hours, owners can ask for a person (/petugas) and the writer routes handed-over conversations.</param>
    public static Task<WriterFixture> StartAsync(string databasePath, string dialogYaml = TestDialogs.Sales, HostParts? host = null, OperatorOptions? operators = null, TimeSpan? busyTimeout = null, WorkingHours? handoff = null) =>
        StartAsync(StorageTarget.Sqlite(databasePath), ownsTarget: true, dialogYaml, host, operators, busyTimeout, handoff);

    /// <summary>A writer on <paramref name="target"/> (SQLite or PostgreSQL); the test keeps and disposes the target.</summary>
    public static Task<WriterFixture> StartAsync(StorageTarget target, string dialogYaml = TestDialogs.Sales, HostParts? host = null, OperatorOptions? operators = null, TimeSpan? busyTimeout = null, WorkingHours? handoff = null) =>
        StartAsync(target, ownsTarget: false, dialogYaml, host, operators, busyTimeout, handoff);

    private static async Task<WriterFixture> StartAsync(StorageTarget target, bool ownsTarget, string dialogYaml, HostParts? host, OperatorOptions? operators, TimeSpan? busyTimeout, WorkingHours? handoff)
    {
        var loaded = DialogLoader.Load([new DialogSource("test.yaml", dialogYaml), .. (host?.MoreDialogs ?? []).Select((yaml, i) => new DialogSource($"more-{i}.yaml", yaml)), ShippedProgrammes()]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var fixture = new WriterFixture(target, ownsTarget, loaded.Catalog, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)), host, operators, busyTimeout, handoff);
        await fixture.Writer.StartAsync(CancellationToken.None);
        return fixture;
    }

    /// <summary>The shipped programme rules, which the shipped dialogs compare with and cite, as the host reads them with the dialogs.</summary>
    public static DialogSource ShippedProgrammes() =>
        new("data/programmes.yaml", File.ReadAllText(Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "data", "programmes.yaml")));

    /// <summary>A writer over several dialog files (e.g. a test dialog beside the shipped privacy dialogs).</summary>
    public static Task<WriterFixture> StartAsync(string databasePath, IReadOnlyList<DialogSource> dialogs, HostParts? host = null, OperatorOptions? operators = null) =>
        StartAsync(StorageTarget.Sqlite(databasePath), ownsTarget: true, dialogs, host, operators);

    /// <summary>A writer over several dialog files on <paramref name="target"/>; the test keeps and disposes the target.</summary>
    public static Task<WriterFixture> StartAsync(StorageTarget target, IReadOnlyList<DialogSource> dialogs, HostParts? host = null, OperatorOptions? operators = null) =>
        StartAsync(target, ownsTarget: false, dialogs, host, operators);

    private static async Task<WriterFixture> StartAsync(StorageTarget target, bool ownsTarget, IReadOnlyList<DialogSource> dialogs, HostParts? host, OperatorOptions? operators)
    {
        var loaded = DialogLoader.Load(dialogs.Any(ChatAssistant.Dialogs.Programmes.ProgrammeData.IsProgrammeData) ? dialogs : [.. dialogs, ShippedProgrammes()]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var fixture = new WriterFixture(target, ownsTarget, loaded.Catalog, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)), host, operators);
        await fixture.Writer.StartAsync(CancellationToken.None);
        return fixture;
    }

    public Task<HandledMessage> SendAsync(string chatId, string text, string? messageId = null) =>
        Writer.SubmitAsync(new InboundEnvelope("test", chatId, messageId ?? Guid.NewGuid().ToString("N"), InboundMessage.FromText(text), Time.GetUtcNow()));

    public async ValueTask DisposeAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        Writer.Dispose();
        Session.Dispose();
        Outbox.Dispose();
        _ownTarget?.Dispose();
    }
}
