using ChatAssistant.Broadcasts;
using ChatAssistant.Channels;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Reminders;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Reminders;

public sealed class UnfinishedReminderTests_Sqlite() : UnfinishedReminderTests(StorageProviderKind.Sqlite)
{
}

public sealed class UnfinishedReminderTests_Postgres() : UnfinishedReminderTests(StorageProviderKind.Postgres)
{
}

/// <summary>
/// The unfinished-dialog nudge on a real writer and database with a fake clock: an owner stops mid-dialog, a day later
/// one "Lanjutkan" goes with a button, and the button brings them back to the same question.
/// </summary>
public abstract class UnfinishedReminderTests : StorageMatrix
{
    private protected UnfinishedReminderTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    [Fact]
    public async Task An_owner_who_stopped_mid_dialog_gets_one_nudge_a_day_later_and_its_button_resumes_at_the_same_question()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("owner", "/ekspor");
        var stoppedAt = await host.SendAsync("owner", "kerajinan");
        Assert.Contains("sudah punya NIB", stoppedAt.Text, StringComparison.Ordinal);
        host.Deliver();

        host.Time.Advance(TimeSpan.FromHours(23));
        await host.Scheduler.RunOnceAsync();
        Assert.Empty(host.Reminders("owner"));

        host.Time.Advance(TimeSpan.FromHours(1));
        await host.Scheduler.RunOnceAsync();
        var reminder = Assert.Single(host.Reminders("owner"));
        Assert.Contains("belum selesai mengisi Cek kesiapan ekspor", reminder.Text, StringComparison.Ordinal);
        var button = Assert.Single(reminder.Buttons);
        Assert.Equal("Lanjutkan", button.Label);
        Assert.Equal("/ekspor", button.Data);

        var resumed = await host.TapAsync("owner", button);
        Assert.Contains("Melanjutkan \"Cek kesiapan ekspor\" dari pertanyaan terakhir.", resumed.Text, StringComparison.Ordinal);
        Assert.Contains("sudah punya NIB", resumed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Produk apa", resumed.Text, StringComparison.Ordinal);
        Assert.Equal("nib", Db.Text("SELECT step_id FROM conversations"));
        Assert.Equal("t:goods", Db.Text("SELECT value FROM answers WHERE key = 'product_kind'"));

        host.Time.Advance(TimeSpan.FromHours(3));
        await host.Scheduler.RunOnceAsync();
        Assert.Single(host.Reminders("owner"));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM reminders"));
    }

    [Fact]
    public async Task The_same_stop_is_never_nudged_twice()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("owner", "/ekspor");
        await host.SendAsync("owner", "kerajinan");

        host.Time.Advance(TimeSpan.FromHours(24));
        await host.Scheduler.RunOnceAsync();
        Assert.Single(host.Reminders("owner"));
        host.Deliver();

        // Days pass, the owner never comes back: the planner reads on, and nothing more goes.
        for (var day = 0; day < 3; day++)
        {
            host.Time.Advance(TimeSpan.FromHours(8));
            await host.Scheduler.RunOnceAsync();
        }

        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM reminders"));
        Assert.Equal(1, Db.Count($"SELECT COUNT(*) FROM outbox WHERE priority = {(int)OutboxPriority.Broadcast}"));
    }

    [Fact]
    public async Task An_owner_who_came_back_before_a_day_passed_gets_none_for_the_earlier_stop()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("owner", "/ekspor");
        await host.SendAsync("owner", "kerajinan");
        host.Deliver();

        host.Time.Advance(TimeSpan.FromHours(20));
        await host.SendAsync("owner", "ya");
        await host.SendAsync("owner", "ya");
        host.Deliver();

        host.Time.Advance(TimeSpan.FromHours(5)); // a day after the first stop, 5 hours after the second
        await host.Scheduler.RunOnceAsync();
        Assert.Empty(host.Reminders("owner"));
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM reminders"));
    }

    [Fact]
    public async Task A_nudge_due_after_the_owner_went_on_is_cancelled_as_resumed()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("owner", "/ekspor");
        await host.SendAsync("owner", "kerajinan");

        // The worker is down when the nudge is due (not yet queued), and the owner answers meanwhile.
        host.Time.Advance(TimeSpan.FromHours(24));
        await host.RunAsync(store => host.Unfinished.Plan(store, host.Time.GetUtcNow()));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM reminders WHERE state = 'scheduled'"));
        await host.SendAsync("owner", "ya");

        await host.Scheduler.RunOnceAsync();
        Assert.Empty(host.Reminders("owner"));
        Assert.Equal("resumed", Db.Text("SELECT reason FROM reminders WHERE state = 'cancelled'"));
    }

    [Fact]
    public async Task A_later_stop_of_the_same_conversation_gets_its_own_nudge()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("owner", "/ekspor");
        await host.SendAsync("owner", "kerajinan");
        host.Time.Advance(TimeSpan.FromHours(24));
        await host.Scheduler.RunOnceAsync();
        var first = Assert.Single(host.Reminders("owner"));
        host.Deliver();

        await host.TapAsync("owner", first.Buttons[0]);
        var next = await host.SendAsync("owner", "ya");
        Assert.Contains("KBLI", next.Text, StringComparison.Ordinal);
        host.Deliver();

        host.Time.Advance(TimeSpan.FromHours(24));
        await host.Scheduler.RunOnceAsync();
        Assert.Equal(2, host.Reminders("owner").Count);
        var second = host.Reminders("owner")[^1];
        Assert.Equal("/ekspor", second.Buttons[0].Data);
        Assert.Equal(2, Db.Count("SELECT COUNT(*) FROM reminders"));

        var resumed = await host.TapAsync("owner", second.Buttons[0]);
        Assert.Contains("KBLI", resumed.Text, StringComparison.Ordinal);
        Assert.Equal("kbli", Db.Text("SELECT step_id FROM conversations"));
    }

    [Fact]
    public async Task A_finished_or_paused_dialog_is_not_a_stop()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("finished", "/omzet");
        await host.SendAsync("finished", "Toko Sari");
        await host.SendAsync("finished", "15 juta");
        await host.SendAsync("finished", "tidak");
        await host.SendAsync("paused", "/ekspor");
        await host.SendAsync("paused", "/menu");
        host.Deliver();

        host.Time.Advance(TimeSpan.FromHours(25));
        await host.Scheduler.RunOnceAsync();
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM reminders"));
    }

    [Fact]
    public async Task The_nudge_names_the_dialog_in_the_owners_language()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("owner", "/export");
        await host.SendAsync("owner", "/language en");
        await host.SendAsync("owner", "craft");

        host.Time.Advance(TimeSpan.FromHours(24));
        await host.Scheduler.RunOnceAsync();
        var reminder = Assert.Single(host.Reminders("owner"));
        Assert.Contains("not finished Export readiness check", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(("Continue", "/ekspor"), (reminder.Buttons[0].Label, reminder.Buttons[0].Data));
    }

    [Fact]
    public async Task Stops_from_long_before_reminders_began_are_not_read()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("old", "/ekspor");
        host.Time.Advance(TimeSpan.FromDays(3));
        await host.SendAsync("recent", "/ekspor");
        host.Time.Advance(TimeSpan.FromHours(2));

        // The first round ever starts at the replies of the last day.
        await host.Scheduler.RunOnceAsync();
        host.Time.Advance(TimeSpan.FromHours(23));
        await host.Scheduler.RunOnceAsync();

        Assert.Empty(host.Reminders("old"));
        Assert.Single(host.Reminders("recent"));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM reminders"));
    }

    [Fact]
    public async Task On_WhatsApp_the_nudge_goes_while_the_24_hour_window_is_still_open()
    {
        await using var host = await ResumeHost.StartAsync(Db, channel: ChannelNames.WhatsApp);
        await host.SendAsync("6281234567890", "/ekspor");
        await host.SendAsync("6281234567890", "kerajinan");
        host.Deliver();

        host.Time.Advance(TimeSpan.FromHours(23));
        await host.Scheduler.RunOnceAsync();
        Assert.Empty(host.Reminders("6281234567890"));

        host.Time.Advance(TimeSpan.FromMinutes(30));
        await host.Scheduler.RunOnceAsync();
        var reminder = Assert.Single(host.Reminders("6281234567890"));
        Assert.Equal(("Lanjutkan", "/ekspor"), (reminder.Buttons[0].Label, reminder.Buttons[0].Data));
        Assert.Null(Db.Text("SELECT reason FROM reminders"));
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM outbox WHERE template IS NOT NULL"));
    }

    [Fact]
    public async Task An_owner_with_a_person_gets_no_nudge()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("waiting", "/ekspor");
        await host.SendAsync("waiting", "kerajinan");
        await host.SendAsync("taken", "/ekspor");
        await host.SendAsync("taken", "kerajinan");
        OpenHandoff("waiting");

        host.Time.Advance(TimeSpan.FromHours(12));
        await host.Scheduler.RunOnceAsync(); // the first round ever: the mark starts before both stops
        host.Time.Advance(TimeSpan.FromHours(12));
        await host.RunAsync(store => host.Unfinished.Plan(store, host.Time.GetUtcNow()));
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM reminders r JOIN users u ON u.id = r.user_id WHERE u.chat_id = 'waiting'"));

        // A person takes the other chat after its nudge was planned, before it went.
        OpenHandoff("taken");
        await host.Scheduler.RunOnceAsync();

        Assert.Empty(host.Reminders("waiting"));
        Assert.Empty(host.Reminders("taken"));
        Assert.Equal("resumed", Db.Text("SELECT reason FROM reminders WHERE state = 'cancelled'"));
    }

    [Fact]
    public async Task An_operators_dialog_left_open_is_not_nudged()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("operator", "halo");
        Db.Execute(
            $"""
            INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, history, started_at, updated_at)
            SELECT id, 'ops', 1, 'message', 0, '', {host.Time.GetUtcNow().ToUnixTimeMilliseconds()}, {host.Time.GetUtcNow().ToUnixTimeMilliseconds()}
            FROM users WHERE chat_id = 'operator'
            """);

        host.Time.Advance(TimeSpan.FromHours(25));
        await host.Scheduler.RunOnceAsync();

        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM reminders"));
    }

    private void OpenHandoff(string chatId) =>
        Db.Execute($"INSERT INTO handoffs (user_id, channel, chat_id, opened_at) SELECT id, channel, chat_id, 0 FROM users WHERE chat_id = '{chatId}'");

    [Fact]
    public void A_subject_names_one_stop_of_one_conversation()
    {
        var subject = UnfinishedReminderSource.Subject(42, 1_795_000_000_000);

        Assert.Equal("42@1795000000000", subject);
        Assert.True(UnfinishedReminderSource.TryParseSubject(subject, out var id, out var at));
        Assert.Equal((42, 1_795_000_000_000), (id, at));
        Assert.False(UnfinishedReminderSource.TryParseSubject("42", out _, out _));
        Assert.False(UnfinishedReminderSource.TryParseSubject("@5", out _, out _));
        Assert.False(UnfinishedReminderSource.TryParseSubject("x@5", out _, out _));
    }
}

/// <summary>
/// A writer with the shipped export-readiness dialog (and the test sales dialog) and a reminder scheduler with the
/// unfinished-dialog and export re-check sources on it, as the worker runs them, minus the channels.
/// </summary>
internal sealed class ResumeHost : IAsyncDisposable
{
    private readonly string _channel;

    /// <summary>An operators' dialog: never nudged about, as owners cannot resume it.</summary>
    private const string OperatorsDialog = """
        id: ops
        version: 1
        languages: [id, en]
        title: {id: Kirim pengumuman, en: Send an announcement}
        commands: [/kirim]
        audience: operators
        start: message
        steps:
          message:
            ask: {id: "Pesannya?", en: "The message?"}
          done:
            end: {id: "Terkirim.", en: "Sent."}
        """;

    private ResumeHost(WriterFixture fixture, ConversationEngine engine, ReminderOptions options, string channel)
    {
        Fixture = fixture;
        _channel = channel;
        var wrapped = Options.Create(options);
        Unfinished = new UnfinishedReminderSource(engine, wrapped, NullLogger<UnfinishedReminderSource>.Instance);
        Export = new ExportRecheckReminderSource(engine, wrapped, NullLogger<ExportRecheckReminderSource>.Instance);
        Store = new ReminderStore(fixture.Session);
        Scheduler = new ReminderScheduler(
            [channel],
            options,
            new QuietHours(TimeSpan.FromHours(21), TimeSpan.FromHours(7)),
            ReminderTexts.Load(Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "data", "reminders.yaml")),
            new WhatsAppTemplateOptions(),
            [Unfinished, Export],
            fixture.Writer,
            Store,
            fixture.OutboxStore,
            new OutboxSignal(),
            fixture.Time,
            new Random(18),
            NullLogger<ReminderScheduler>.Instance);
    }

    public WriterFixture Fixture { get; }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => Fixture.Time;

    public UnfinishedReminderSource Unfinished { get; }

    public ExportRecheckReminderSource Export { get; }

    public ReminderStore Store { get; }

    public ReminderScheduler Scheduler { get; }

    /// <param name="channel">The owners' channel ("test" by default; "whatsapp" for its 24-hour window).</param>
    public static async Task<ResumeHost> StartAsync(StorageTarget target, ReminderOptions? options = null, string channel = "test")
    {
        IReadOnlyList<DialogSource> dialogs =
        [
            new("test.yaml", TestDialogs.Sales),
            new("ops.yaml", OperatorsDialog),
            new("export-readiness.yaml", File.ReadAllText(Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "export-readiness.yaml"))),
            WriterFixture.ShippedProgrammes(),
        ];
        var fixture = await WriterFixture.StartAsync(target, dialogs);

        // The sources read the live dialogs as the worker's engine has them: the same files, loaded alike.
        var catalog = DialogLoader.Load(dialogs).Catalog;
        return new ResumeHost(fixture, new ConversationEngine(catalog), options ?? new ReminderOptions(), channel);
    }

    /// <summary>What the owner typed, and the reply.</summary>
    public async Task<OutboundMessage> SendAsync(string chatId, string text) =>
        (await Fixture.Writer.SubmitAsync(new InboundEnvelope(
            _channel, chatId, Guid.NewGuid().ToString("N"), InboundMessage.FromText(text), Time.GetUtcNow()))).Reply!;

    /// <summary>The owner taps a button of a message (a reminder's), which sends its data as the channels do.</summary>
    public async Task<OutboundMessage> TapAsync(string chatId, Button button) =>
        (await Fixture.Writer.SubmitAsync(new InboundEnvelope(
            _channel, chatId, Guid.NewGuid().ToString("N"), InboundMessage.FromButton(button.Data, button.Label), Time.GetUtcNow()))).Reply!;

    /// <summary>The reminders queued for the owner so far (sent or not), oldest first.</summary>
    public IReadOnlyList<OutboundMessage> Reminders(string chatId) =>
        Fixture.Outbox.Pending(1000, _channel, chatId)
            .Where(m => m.Priority == OutboxPriority.Broadcast)
            .Select(m => m.Message)
            .Concat(Delivered.Where(d => d.ChatId == chatId).Select(d => d.Message))
            .ToList();

    private List<(string ChatId, OutboundMessage Message)> Delivered { get; } = [];

    /// <summary>
    /// The sender takes everything waiting (as a worker's would within seconds): replies are then not merged into older
    /// ones, and reminders already queued stay counted in <see cref="Reminders"/>.
    /// </summary>
    public void Deliver()
    {
        foreach (var message in Fixture.Outbox.Pending(10_000, _channel).Where(m => m.Priority == OutboxPriority.Broadcast))
        {
            Delivered.Add((message.ChatId, message.Message));
        }

        using var connection = Fixture.Target.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE outbox SET sent_at = " + Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + " WHERE sent_at IS NULL";
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a source's or the store's work on the writer, in its transaction.</summary>
    public Task RunAsync(Action<ReminderStore> work) =>
        Fixture.Writer.RunAsync(Store, (store, _) =>
        {
            work(store);
            return 0;
        });

    public ValueTask DisposeAsync() => Fixture.DisposeAsync();
}
