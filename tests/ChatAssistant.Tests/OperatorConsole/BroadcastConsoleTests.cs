using System.Globalization;
using ChatAssistant.Broadcasts;
using ChatAssistant.Channels;
using ChatAssistant.Channels.Telegram;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Storage.Sqlite;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The console's broadcasts over the Broadcasts feature, on a real writer and database: the live count with who is
/// left out and WhatsApp's window, zero recipients explained, creating and cancelling audited in their transaction,
/// and the preview per channel and language as the senders shape it.
/// </summary>
public sealed class BroadcastConsoleTests : IAsyncLifetime
{
    private static readonly ConsoleOperator Operator = new("telegram", "424242");

    private readonly TempFolder _folder = new();
    private WriterFixture _writer = null!;
    private SqliteProvider _provider = null!;
    private BroadcastConsole _console = null!;
    private Owners _owners = null!;

    public async Task InitializeAsync()
    {
        IReadOnlyList<DialogSource> dialogs = [new DialogSource("training-registration.yaml", Owners.ShippedDialog("training-registration.yaml"))];
        _writer = await WriterFixture.StartAsync(_folder.DatabasePath, dialogs);
        var loaded = DialogLoader.Load([.. dialogs, WriterFixture.ShippedProgrammes()]);
        _provider = new SqliteProvider(_folder.DatabasePath, TimeSpan.FromSeconds(5), _writer.Time, new Random(14), NullLogger.Instance);
        _console = new BroadcastConsole(
            _provider,
            _writer.Writer,
            new BroadcastStore(_writer.Session),
            new ConsoleStore(_writer.Session),
            new TrainingCatalog([]),
            new ConversationEngine(loaded.Catalog),
            [new WhatsAppPreview(), new TelegramPreview()],
            _writer.Time);
        _owners = new Owners(_folder.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public void The_live_count_says_who_gets_it_who_is_left_out_and_how_many_WhatsApp_owners_are_outside_the_window()
    {
        var now = _writer.Time.GetUtcNow();
        _owners.InProvince("1001", "Riau");
        _owners.Add("6281100000001", channel: "whatsapp", lastSeen: now - TimeSpan.FromHours(1), profile: ("province", "t:Riau"));
        _owners.Add("6281100000002", channel: "whatsapp", lastSeen: now - TimeSpan.FromDays(2), profile: ("province", "t:Riau"));
        _owners.InProvince("terminal", "Riau", channel: "console");
        _owners.OptOut(_owners.InProvince("1002", "Riau"));
        _owners.InProvince("1003", "Bali");

        var estimate = _console.Estimate(Filters(("province", "Riau")));

        Assert.True(estimate.IsUsable);
        Assert.Equal(3, estimate.Recipients);
        Assert.Equal(1, estimate.OutsideWindow);
        Assert.Equal(new SegmentExclusions(1, 1, 0), estimate.LeftOut);
        Assert.Equal("province=Riau", estimate.Segment);
        Assert.Empty(estimate.WhyNobody());
    }

    [Fact]
    public void Zero_recipients_because_only_terminal_chat_owners_match_is_said_plainly()
    {
        _owners.InProvince("terminal", "Riau", channel: "console");

        var estimate = _console.Estimate([]);

        Assert.Equal(0, estimate.Recipients);
        var why = estimate.WhyNobody();
        Assert.Contains(why, s => s.Indonesian.Contains("hanya memakai chat terminal", StringComparison.Ordinal));
        Assert.Contains(why, s => s.English.Contains("only used the terminal chat", StringComparison.Ordinal));
        Assert.Contains(why, s => s.Indonesian.Contains("Belum ada pemilik usaha yang bisa dihubungi", StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_recipients_because_no_owner_meets_every_filter_says_so_with_how_many_can_be_reached()
    {
        _owners.InProvince("1001", "Riau");
        _owners.InProvince("1002", "Bali", language: Languages.English);

        var estimate = _console.Estimate(Filters(("province", "Riau"), ("language", "en")));

        Assert.True(estimate.IsUsable);
        Assert.Equal(0, estimate.Recipients);
        var why = Assert.Single(estimate.WhyNobody());
        Assert.Contains("Dari 2 pemilik usaha yang bisa dihubungi", why.Indonesian, StringComparison.Ordinal);
        Assert.Contains("province=Riau; language=en", why.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_value_no_owner_has_is_a_problem_in_both_languages_with_the_values_there_are()
    {
        _owners.Add("1001", profile: ("sector", "t:food"));

        var estimate = _console.Estimate(Filters(("sector", "makanan"), ("province", "")));

        Assert.False(estimate.IsUsable);
        var problem = Assert.Single(estimate.Problems);
        Assert.Contains("Sektor yang ada: food", problem.Indonesian, StringComparison.Ordinal);
        Assert.Contains("Sectors owners have: food", problem.English, StringComparison.Ordinal);
        Assert.Empty(estimate.WhyNobody());
    }

    [Fact]
    public async Task Creating_fixes_the_recipients_and_writes_its_audit_row_with_it()
    {
        _owners.InProvince("1001", "Riau");
        _owners.InProvince("1002", "Riau");
        _owners.InProvince("1003", "Bali");

        var outcome = await _console.CreateAsync(Form("Pelatihan gratis minggu depan.", ("province", "Riau")) with { TextEnglish = "Free training next week." }, Operator, CancellationToken.None);

        Assert.Empty(outcome.Problems);
        var id = Assert.IsType<long>(outcome.Id);
        Assert.Equal(2, outcome.Recipients);
        Assert.Equal(["1001", "1002"], _owners.Recipients(id));
        Assert.Equal("console:telegram:424242|sending|province=Riau|Free training next week.", Sql.Text(_folder.DatabasePath,
            $"SELECT created_by || '|' || status || '|' || segment || '|' || text_en FROM broadcasts WHERE id = {id}"));
        Assert.Equal($"telegram:424242|#{id} sending now, 2 recipients, segment: province=Riau", Sql.Text(_folder.DatabasePath,
            "SELECT operator || '|' || detail FROM console_audit WHERE action = 'broadcast_created'"));
    }

    [Fact]
    public async Task Creating_for_nobody_is_refused_with_why_and_leaves_no_broadcast_and_no_audit_row()
    {
        _owners.InProvince("terminal", "Riau", channel: "console");

        var outcome = await _console.CreateAsync(Form("Halo", ("province", "Riau")), Operator, CancellationToken.None);

        Assert.Null(outcome.Id);
        Assert.Contains(outcome.Problems, p => p.Indonesian.Contains("chat terminal", StringComparison.Ordinal));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcasts"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit"));
    }

    [Fact]
    public async Task A_time_in_WIB_schedules_it_and_a_time_in_the_past_is_refused()
    {
        _owners.InProvince("1001", "Riau");

        // The fake clock is 2026-11-23 15:00 WIB.
        var scheduled = await _console.CreateAsync(Form("Besok pagi", ("province", "Riau")) with { SendAt = "2026-11-24T09:00" }, Operator, CancellationToken.None);
        var past = await _console.CreateAsync(Form("Kemarin", ("province", "Riau")) with { SendAt = "2026-11-23T14:00" }, Operator, CancellationToken.None);

        var id = Assert.IsType<long>(scheduled.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero), scheduled.ScheduledAt);
        Assert.Equal("scheduled|" + new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            Sql.Text(_folder.DatabasePath, $"SELECT status || '|' || scheduled_at FROM broadcasts WHERE id = {id}"));
        Assert.Empty(_owners.Recipients(id)); // the list is fixed when it starts
        Assert.Null(past.Id);
        Assert.Contains(past.Problems, p => p.English.Contains("is in the past", StringComparison.Ordinal));
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Fact]
    public async Task A_button_must_start_a_dialog_owners_may_start_with_parameters_it_takes()
    {
        _owners.InProvince("1001", "Riau");

        var unknown = _console.Read(Form("Daftar") with { ButtonLabel = "Daftar", ButtonCommand = "/pelatihn program=x" });
        var wrongParameter = _console.Read(Form("Daftar") with { ButtonLabel = "Daftar", ButtonCommand = "/pelatihan kursus=x" });
        var half = _console.Read(Form("Daftar") with { ButtonLabel = "Daftar" });
        var fine = _console.Read(Form("Daftar") with { ButtonLabel = "Daftar sekarang", ButtonCommand = "/pelatihan program=bimtek" });

        Assert.Contains(unknown.Problems, p => p.Indonesian.StartsWith("Tombol tidak bisa dipakai: no owners' dialog starts with /pelatihn", StringComparison.Ordinal));
        Assert.Contains(wrongParameter.Problems, p => p.English.Contains("/pelatihan takes program=...", StringComparison.Ordinal));
        Assert.Contains(half.Problems, p => p.Indonesian.StartsWith("Tombol: isi label", StringComparison.Ordinal));
        Assert.Empty(fine.Problems);
        Assert.Equal(new BroadcastButton("Daftar sekarang", "/pelatihan program=bimtek"), fine.Button);
    }

    [Fact]
    public async Task Cancelling_stops_it_once_and_audits_only_the_cancel_that_did_something()
    {
        _owners.InProvince("1001", "Riau");
        var created = await _console.CreateAsync(Form("Besok", ("province", "Riau")) with { SendAt = "2026-11-24T09:00" }, Operator, CancellationToken.None);
        var id = created.Id!.Value;

        var first = await _console.CancelAsync(id, Operator, CancellationToken.None);
        var second = await _console.CancelAsync(id, Operator, CancellationToken.None);
        var missing = await _console.CancelAsync(id + 100, Operator, CancellationToken.None);

        Assert.Equal((BroadcastStatus.Scheduled, 0), first);
        Assert.Equal((BroadcastStatus.Cancelled, 0), second);
        Assert.Null(missing);
        Assert.Equal(BroadcastStatus.Cancelled, _console.Progress(id)!.Status);
        Assert.Equal($"#{id} (scheduled): 0 recipients will not get it", Sql.Text(_folder.DatabasePath, "SELECT group_concat(detail) FROM console_audit WHERE action = 'broadcast_cancelled'"));
    }

    [Fact]
    public void The_preview_shows_each_channel_and_language_as_the_senders_shape_it()
    {
        var longText = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Paragraf {i}: " + new string('x', 100)));

        var previews = _console.Preview(longText, "Free training.", new BroadcastButton("Daftar pelatihan sekarang juga", "/pelatihan program=bimtek"));

        Assert.Equal(["telegram/id", "telegram/en", "whatsapp/id", "whatsapp/en"], previews.Select(p => p.Channel + "/" + p.Language));
        var telegram = previews[0].Messages;
        Assert.Equal(2, telegram.Count); // 4,000+ characters: two Telegram messages, the button under the last
        Assert.Empty(telegram[0].Buttons);
        Assert.Equal(["Daftar pelatihan sekarang juga"], telegram[1].Buttons);
        Assert.EndsWith(AnnouncementText.Footer(Languages.Indonesian), telegram[1].Text, StringComparison.Ordinal);

        // A label longer than WhatsApp's 20-character reply button becomes a list row behind "Pilih", shortened at a
        // word as owners see it; the body is the last 1,024 characters, the text before it goes ahead in parts.
        var whatsApp = previews[2].Messages;
        Assert.Equal("Pilih", whatsApp[^1].ListButton);
        Assert.Equal(["Daftar pelatihan…"], whatsApp[^1].Buttons);
        Assert.True(whatsApp[^1].Text.Length <= 1024);
        Assert.All(whatsApp.SkipLast(1), m => Assert.Empty(m.Buttons));

        // English owners get the English text and footer in one message.
        var english = Assert.Single(previews[1].Messages);
        Assert.Equal("Free training.\n\n" + AnnouncementText.Footer(Languages.English), english.Text);
    }

    [Fact]
    public void A_short_button_label_is_a_WhatsApp_reply_button()
    {
        var whatsApp = _console.Preview("Halo", null, new BroadcastButton("Daftar", "/pelatihan")).Single(p => p.Channel == "whatsapp" && p.Language == Languages.English);

        var message = Assert.Single(whatsApp.Messages);
        Assert.Null(message.ListButton);
        Assert.Equal(["Daftar"], message.Buttons);
        Assert.Equal("Halo\n\n" + AnnouncementText.Footer(Languages.Indonesian), message.Text); // no English text: the Indonesian one whole
    }

    private static KeyValuePair<string, string>[] Filters(params (string Name, string Value)[] filters) =>
        [.. filters.Select(f => KeyValuePair.Create(f.Name, f.Value))];

    private static ComposeForm Form(string text, params (string Name, string Value)[] filters) =>
        new(text, null, null, null, filters.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal), null);
}
