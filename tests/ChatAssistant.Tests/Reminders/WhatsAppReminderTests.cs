using ChatAssistant.Broadcasts;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Outbox;
using ChatAssistant.Reminders;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Channels.WhatsApp;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Reminders;

/// <summary>
/// Reminders to WhatsApp owners, on the fake clock, through the real scheduler, outbox dispatcher and WhatsApp sender
/// against the stand-in Cloud API (which refuses free-form messages outside the 24-hour window and unapproved
/// templates, as Meta does): inside the window a reminder is the shipped text with its button; outside it, the kind's
/// approved utility template named in reminders.yaml, with the reminder's fields as its parameters, or nothing at all,
/// skipped and counted as outside_window.
/// </summary>
public sealed class WhatsAppReminderTests : IAsyncLifetime
{
    private const string Ani = "6281100000001";
    private const string Budi = "6281100000002";
    private const string CancelCommand = "/batalpelatihan registration=K7Q2";

    private readonly TempFolder _folder = new();
    private readonly HttpClient _http = new();
    private FakeCloudApi _api = null!;
    private WriterFixture _fixture = null!;

    private StorageTarget Db => _fixture.Target;

    private DateTimeOffset Now => _fixture.Time.GetUtcNow(); // 2026-11-23 15:00 WIB: nobody's quiet hours

    public async Task InitializeAsync()
    {
        _api = await FakeCloudApi.StartAsync();
        _fixture = await WriterFixture.StartAsync(_folder.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await _fixture.DisposeAsync();
        await _api.DisposeAsync();
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Outside_the_window_a_reminder_goes_as_the_approved_utility_template_with_its_fields_as_parameters()
    {
        var owners = new Owners(_folder.DatabasePath);
        var ani = owners.Add(Ani, channel: WhatsAppSender.Channel, lastSeen: Now - TimeSpan.FromDays(3));
        var budi = owners.Add(Budi, language: "en", channel: WhatsAppSender.Channel, lastSeen: Now - TimeSpan.FromDays(3));
        await ScheduleAsync(ani, ReminderKind.TrainingIn3Days);
        await ScheduleAsync(budi, ReminderKind.TrainingIn1Day);
        _api.PutOutsideWindow([new CloudOwner(Ani, null), new CloudOwner(Budi, null)]);
        _api.ApproveTemplate("pengingat_pelatihan", "id", 3);
        _api.ApproveTemplate("pengingat_pelatihan", "en", 3);

        Assert.Equal(2, await Scheduler(Templates(("id", "utility"), ("en", "utility"))).RunOnceAsync());

        // Queued as the template, in each owner's language, with title, start and code (reminders.yaml's parameters).
        Assert.Equal(
        [
            (Ani, new OutboxTemplate("pengingat_pelatihan", "id", ["Bimtek Ekspor Kopi", "8 Desember 2026", "K7Q2"]).Encode()),
            (Budi, new OutboxTemplate("pengingat_pelatihan", "en", ["Bimtek Ekspor Kopi", "8 Desember 2026", "K7Q2"]).Encode()),
        ], OutboxTemplates());

        await SendAllAsync();

        Assert.Equal(
        [
            ("template", ("pengingat_pelatihan", "id", "Bimtek Ekspor Kopi|8 Desember 2026|K7Q2")),
            ("template", ("pengingat_pelatihan", "en", "Bimtek Ekspor Kopi|8 Desember 2026|K7Q2")),
        ], _api.Sends.Select(s => (s.Type, (s.Template.Name, s.Template.Language, string.Join('|', s.Template.Parameters)))));
        Assert.All(_api.Sends, s => Assert.True(s.Accepted));
        Assert.Equal(["training_3d training-7 sent", "training_1d training-7 sent"], ReminderHost.Rows(Db));
    }

    [Fact]
    public async Task Outside_the_window_without_a_template_or_with_only_a_marketing_one_the_reminder_is_skipped_and_counted()
    {
        var owners = new Owners(_folder.DatabasePath);
        var ani = owners.Add(Ani, channel: WhatsAppSender.Channel, lastSeen: Now - TimeSpan.FromDays(3));
        var budi = owners.Add(Budi, channel: WhatsAppSender.Channel, lastSeen: Now - TimeSpan.FromHours(25));
        await ScheduleAsync(ani, ReminderKind.TrainingIn3Days);
        await ScheduleAsync(budi, ReminderKind.TrainingIn3Days);
        _api.PutOutsideWindow([new CloudOwner(Ani, null), new CloudOwner(Budi, null)]);

        // A marketing template of the right name is not for reminders: an owner asked for this, it is not an offer.
        Assert.Equal(0, await Scheduler(Templates(("id", "marketing"))).RunOnceAsync());
        Assert.Equal(0, await Scheduler(new WhatsAppTemplateOptions()).RunOnceAsync());
        await SendAllAsync();

        Assert.Empty(_api.Sends);
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(["training_3d training-7 skipped outside_window", "training_3d training-7 skipped outside_window"], ReminderHost.Rows(Db));
        Assert.Equal(2, Db.Count($"SELECT COUNT(*) FROM reminders WHERE state = 'skipped' AND reason = '{ReminderReasons.OutsideWindow}'"));

        // Skipped is closed: a template configured later does not send a reminder that was due days ago.
        Assert.Equal(0, await Scheduler(Templates(("id", "utility"))).RunOnceAsync());
    }

    [Fact]
    public async Task Inside_the_window_a_reminder_goes_as_its_text_with_its_button_even_with_a_template_configured()
    {
        var owners = new Owners(_folder.DatabasePath);
        var ani = owners.Add(Ani, channel: WhatsAppSender.Channel, lastSeen: Now - TimeSpan.FromHours(1));
        await ScheduleAsync(ani, ReminderKind.TrainingIn3Days);

        Assert.Equal(1, await Scheduler(Templates(("id", "utility"))).RunOnceAsync());
        Assert.Equal([(Ani, (string?)null)], OutboxTemplates());
        await SendAllAsync();

        var send = Assert.Single(_api.Sends);
        Assert.True(send.Accepted);
        Assert.Equal("interactive", send.Type);
        Assert.Equal(
            ReminderHost.Texts.Text(ReminderKind.TrainingIn3Days, "id", Fields),
            send.Text);
        Assert.Contains("Bimtek Ekspor Kopi", send.Text, StringComparison.Ordinal);
        Assert.Contains("K7Q2", send.Text, StringComparison.Ordinal);
        Assert.Equal([(CancelCommand, "Batalkan pendaftaran")], send.ReplyButtons);
        Assert.Equal(["training_3d training-7 sent"], ReminderHost.Rows(Db));
    }

    [Fact]
    public async Task Close_to_the_end_of_the_window_only_a_template_goes()
    {
        var owners = new Owners(_folder.DatabasePath);

        // Five minutes left: free text could arrive after the window closed and be refused.
        var ani = owners.Add(Ani, channel: WhatsAppSender.Channel, lastSeen: Now - TimeSpan.FromHours(24) + TimeSpan.FromMinutes(5));
        await ScheduleAsync(ani, ReminderKind.TrainingIn1Day);

        Assert.Equal(0, await Scheduler(new WhatsAppTemplateOptions()).RunOnceAsync());

        Assert.Equal(["training_1d training-7 skipped outside_window"], ReminderHost.Rows(Db));
    }

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        [ReminderFields.Title] = "Bimtek Ekspor Kopi",
        [ReminderFields.Start] = "8 Desember 2026",
        [ReminderFields.End] = "9 Desember 2026",
        [ReminderFields.Place] = "Padang",
        [ReminderFields.Code] = "K7Q2",
        [ReminderFields.Contact] = "0812 0000 0000",
    };

    /// <summary>pengingat_pelatihan (reminders.yaml's template for training reminders) approved in these languages and categories.</summary>
    private static WhatsAppTemplateOptions Templates(params (string Language, string Category)[] approved)
    {
        var options = new WhatsAppTemplateOptions();
        foreach (var (language, category) in approved)
        {
            options.Templates.Add(new ApprovedTemplate { Name = "pengingat_pelatihan", Language = language, Parameters = 3, Category = category });
        }

        return options;
    }

    private ReminderScheduler Scheduler(WhatsAppTemplateOptions templates) =>
        ReminderHost.Create(_fixture, [new TrainingSource()], channels: [WhatsAppSender.Channel], templates: templates);

    /// <summary>Due a minute ago, about registration 7.</summary>
    private async Task ScheduleAsync(long userId, ReminderKind kind) =>
        Assert.True(await _fixture.Writer.RunAsync(_fixture.Store.Reminders(), (store, now) =>
            store.Schedule(userId, kind, "training-7", (now - TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds())));

    /// <summary>The queued reminders: (chat id, encoded template or null), in order.</summary>
    private IReadOnlyList<(string ChatId, string? Template)> OutboxTemplates() =>
        [.. _fixture.Outbox.Pending(10, WhatsAppSender.Channel).Select(m => (m.ChatId, m.Template?.Encode()))];

    /// <summary>The real dispatcher and WhatsApp sender, with the reminders' observer, until the outbox is empty.</summary>
    private async Task SendAllAsync()
    {
        var sender = new WhatsAppSender(_http, new WhatsAppSendSettings(_api.ApiBaseUrl, _api.PhoneNumberId, _api.AccessToken), NullLogger<WhatsAppSender>.Instance);
        using var dispatcher = new OutboxDispatcher(
            sender,
            new OutboxOptions { MaxMessagesPerSecond = 25, PerChatInterval = TimeSpan.Zero, ShutdownFlushTimeout = TimeSpan.Zero },
            _fixture.Outbox,
            _fixture.Writer,
            _fixture.Store.Outbox,
            new OutboxSignal(),
            [new ReminderOutboxObserver(_fixture.Store.Reminders())],
            _fixture.Time,
            new Random(18),
            NullLogger<OutboxDispatcher>.Instance);
        for (var round = 0; round < 10 && await dispatcher.RunRoundAsync(CancellationToken.None) != OutboxDispatcher.RoundResult.Empty; round++)
        {
        }
    }

    /// <summary>A registration that still holds: its fields as the training source gives them, and the cancel button's command.</summary>
    private sealed class TrainingSource : IReminderSource
    {
        public IReadOnlyList<ReminderKind> Kinds { get; } = [ReminderKind.TrainingIn3Days, ReminderKind.TrainingIn1Day];

        public void Plan(ReminderStore store, DateTimeOffset now)
        {
        }

        public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now) => ReminderCheck.Send(Fields, CancelCommand);
    }
}
