using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Handoff;
using ChatAssistant.Channels;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Handoff;

/// <summary>
/// Human handoff on a real writer and a real SQLite file each: the fixture's clock starts Monday 2026-11-23 15:00 WIB,
/// inside the working hours used here (Monday to Friday, 08:00-16:00 WIB).
/// </summary>
public abstract class HandoffWriterTests : IDisposable
{
    private static readonly WorkingHours OfficeHours = new(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], TimeSpan.FromHours(8), TimeSpan.FromHours(16));

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected HandoffWriterTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    private Task<WriterFixture> StartAsync() => WriterFixture.StartAsync(_target, handoff: OfficeHours);

    /// <summary>The owner at the sales question of the test dialog.</summary>
    private static async Task AtSalesAsync(WriterFixture fixture, string owner = "owner")
    {
        await fixture.SendAsync(owner, "/omzet");
        var reply = await fixture.SendAsync(owner, "Toko Sari");
        Assert.Contains("Omzet setahun?", reply.Reply!.Text, StringComparison.Ordinal);
    }

    private static Task<HandoffOutcome> RunAsync(WriterFixture fixture, Func<HandoffStore, DateTimeOffset, HandoffOutcome> work) =>
        fixture.Writer.RunAsync(fixture.Handoff!, work);

    private IReadOnlyList<HandoffRequest> OpenRequests()
    {
        using var connection = _target.Connect();
        return HandoffStore.OpenRequests(connection);
    }

    private IReadOnlyList<HandoffLine> Transcript(long id)
    {
        using var connection = _target.Connect();
        return HandoffStore.Transcript(connection, id);
    }

    private long OutboxRows(string chat = "owner") => Sql.Count(_target, $"SELECT COUNT(*) FROM outbox WHERE chat_id = '{chat}'");

    [Fact]
    public async Task Asking_for_a_person_opens_a_request_for_the_owner_and_their_channel()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);

        var reply = await fixture.SendAsync("owner", "/petugas");

        Assert.Equal(HandledStatus.Answered, reply.Status);
        Assert.StartsWith("Baik, pesan Anda kami teruskan ke petugas.", reply.Reply!.Text, StringComparison.Ordinal);
        var request = Assert.Single(OpenRequests());
        Assert.Equal(("test", "owner"), (request.Channel, request.ChatId));
        Assert.Equal(fixture.Time.GetUtcNow(), request.OpenedAt);
        Assert.Null(request.TakenBy);
        Assert.Equal(Sql.Count(_target, "SELECT id FROM users WHERE chat_id = 'owner'"), request.UserId);
    }

    [Fact]
    public async Task Two_answers_not_understood_offer_a_person_and_the_tap_opens_a_request()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        await fixture.SendAsync("owner", "banyak");

        var second = await fixture.SendAsync("owner", "banyak sekali");
        var offer = Assert.Single(second.Reply!.Buttons, b => b.Data == "/petugas");
        Assert.Empty(OpenRequests());

        await fixture.Writer.SubmitAsync(new InboundEnvelope("test", "owner", "tap-1", InboundMessage.FromButton(offer.Data, offer.Label), fixture.Time.GetUtcNow()));

        Assert.Single(OpenRequests());
    }

    [Fact]
    public async Task Asking_again_while_waiting_keeps_one_request()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        await fixture.SendAsync("owner", "/petugas");

        await fixture.SendAsync("owner", "/petugas");

        Assert.Single(OpenRequests());
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM handoffs"));
    }

    [Fact]
    public async Task A_taken_request_shows_who_has_it_and_another_operator_cannot_take_it()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        await fixture.SendAsync("owner", "/petugas");
        var id = OpenRequests()[0].Id;

        var taken = await RunAsync(fixture, (s, now) => s.Take(id, "Sari", now));
        var other = await RunAsync(fixture, (s, now) => s.Take(id, "Budi", now));

        Assert.Equal(new HandoffOutcome(HandoffResult.Done, "Sari"), taken);
        Assert.Equal(new HandoffOutcome(HandoffResult.TakenByOther, "Sari"), other);
        var request = Assert.Single(OpenRequests());
        Assert.Equal("Sari", request.TakenBy);
        Assert.Equal(fixture.Time.GetUtcNow(), request.TakenAt);
    }

    [Fact]
    public async Task While_taken_the_owners_messages_go_to_the_transcript_not_the_dialogs()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        await fixture.SendAsync("owner", "/petugas");
        var id = OpenRequests()[0].Id;
        await RunAsync(fixture, (s, now) => s.Take(id, "Sari", now));
        var before = OutboxRows();

        var forwarded = await fixture.SendAsync("owner", "15 juta, tapi saya bingung soal KUR");

        Assert.Equal(HandledStatus.Forwarded, forwarded.Status);
        Assert.Null(forwarded.Reply);
        Assert.Equal(before, OutboxRows()); // inside working hours: no automatic reply at all
        Assert.Equal("sales", Sql.Text(_target, "SELECT step_id FROM conversations"));
        Assert.Equal(0, Sql.Count(_target, "SELECT COUNT(*) FROM answers WHERE key = 'sales'"));
        var line = Assert.Single(Transcript(id));
        Assert.Equal(new HandoffLine(null, "15 juta, tapi saya bingung soal KUR", fixture.Time.GetUtcNow()), line);
    }

    [Fact]
    public async Task An_operators_reply_is_queued_to_the_owner_through_their_channel()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        await fixture.SendAsync("owner", "/petugas");
        var id = OpenRequests()[0].Id;
        await RunAsync(fixture, (s, now) => s.Take(id, "Sari", now));

        var reply = await RunAsync(fixture, (s, now) => s.Reply(id, "Sari", "Halo, saya Sari. KUR adalah kredit usaha rakyat.", now));

        Assert.Equal(HandoffResult.Done, reply.Result);
        Assert.True(reply.OutboxId > 0);
        Assert.Equal("Halo, saya Sari. KUR adalah kredit usaha rakyat.", Sql.Text(_target, $"SELECT text FROM outbox WHERE id = {reply.OutboxId} AND channel = 'test' AND chat_id = 'owner' AND sent_at IS NULL"));
        Assert.Equal("Sari", Assert.Single(Transcript(id)).Operator);
    }

    [Fact]
    public async Task Only_the_operator_who_has_it_replies()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        await fixture.SendAsync("owner", "/petugas");
        var id = OpenRequests()[0].Id;
        var untaken = await RunAsync(fixture, (s, now) => s.Reply(id, "Budi", "Halo", now));
        await RunAsync(fixture, (s, now) => s.Take(id, "Sari", now));
        var before = OutboxRows();

        var other = await RunAsync(fixture, (s, now) => s.Reply(id, "Budi", "Halo", now));

        Assert.Equal(HandoffResult.NotTaken, untaken.Result);
        Assert.Equal(new HandoffOutcome(HandoffResult.TakenByOther, "Sari"), other);
        Assert.Equal(before, OutboxRows());
        Assert.Empty(Transcript(id));
    }

    [Fact]
    public async Task Handing_back_returns_the_owner_to_the_question_they_were_on()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        await fixture.SendAsync("owner", "/petugas");
        var id = OpenRequests()[0].Id;
        await RunAsync(fixture, (s, now) => s.Take(id, "Sari", now));
        await fixture.SendAsync("owner", "apa itu KUR?");

        var back = await RunAsync(fixture, (s, now) => s.HandBack(id, "Sari", now, fixture.Writer));

        Assert.Equal(HandoffResult.Done, back.Result);
        var note = Sql.Text(_target, $"SELECT text FROM outbox WHERE id = {back.OutboxId}")!;
        Assert.StartsWith("Petugas sudah selesai membantu.", note, StringComparison.Ordinal);
        Assert.Contains("Omzet setahun?", note, StringComparison.Ordinal);
        Assert.Empty(OpenRequests());
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM handoffs WHERE handed_back_at IS NOT NULL AND closed_at IS NOT NULL"));

        var answer = await fixture.SendAsync("owner", "15 juta");

        Assert.Equal(HandledStatus.Answered, answer.Status);
        Assert.Contains("Punya KUR?", answer.Reply!.Text, StringComparison.Ordinal);
        Assert.Single(Transcript(id)); // after the hand back nothing more is kept for the operator
    }

    [Fact]
    public async Task Outside_working_hours_asking_for_a_person_says_when_someone_answers_once()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        fixture.Time.Advance(TimeSpan.FromHours(2)); // Monday 17:00 WIB

        var opened = await fixture.SendAsync("owner", "/petugas");
        var first = await fixture.SendAsync("owner", "halo?");
        var second = await fixture.SendAsync("owner", "ada orang?");

        Assert.Contains("Petugas kami sedang tidak bertugas. Pesan Anda kami simpan dan akan dibalas Selasa pukul 08.00 WIB.", opened.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(HandledStatus.Forwarded, first.Status);
        Assert.Null(first.Reply);
        Assert.Null(second.Reply);
        Assert.Equal(2, Transcript(OpenRequests()[0].Id).Count);
    }

    [Fact]
    public async Task A_message_that_arrives_after_hours_gets_the_note_once()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        await fixture.SendAsync("owner", "/petugas");
        fixture.Time.Advance(TimeSpan.FromHours(10)); // Tuesday 01:00 WIB

        var first = await fixture.SendAsync("owner", "halo?");
        var second = await fixture.SendAsync("owner", "ada orang?");

        Assert.Equal(HandledStatus.Forwarded, first.Status);
        Assert.Equal("Petugas kami sedang tidak bertugas. Pesan Anda kami simpan dan akan dibalas hari ini pukul 08.00 WIB.", first.Reply!.Text);
        Assert.True(first.OutboxId > 0);
        Assert.Equal(HandledStatus.Forwarded, second.Status);
        Assert.Null(second.Reply);
    }

    [Fact]
    public async Task Without_handoff_the_command_is_unknown_and_nothing_is_stored()
    {
        await using var fixture = await WriterFixture.StartAsync(_target);
        await AtSalesAsync(fixture);

        var reply = await fixture.SendAsync("owner", "/petugas");

        Assert.StartsWith("Maaf, perintah /petugas tidak dikenal.", reply.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(_target, "SELECT COUNT(*) FROM handoffs"));
    }

    [Fact]
    public async Task Erasing_an_owners_data_deletes_what_they_wrote_to_a_person()
    {
        await using var fixture = await StartAsync();
        await AtSalesAsync(fixture);
        await fixture.SendAsync("owner", "/petugas");
        var id = OpenRequests()[0].Id;
        await fixture.SendAsync("owner", "NIK saya 3171234567890001");
        var privacy = new ChatAssistant.Privacy.PrivacyStore(fixture.Session);
        var owner = OpenRequests()[0].UserId;
        Assert.Single(Transcript(id));

        await fixture.Writer.RunAsync(privacy, (p, _) =>
        {
            p.EraseOwnerData(owner);
            return 0;
        });

        Assert.Empty(Transcript(id));
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM handoffs"));
    }

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }
}

public sealed class HandoffWriterTests_Sqlite() : HandoffWriterTests(StorageProviderKind.Sqlite);

public sealed class HandoffWriterTests_Postgres() : HandoffWriterTests(StorageProviderKind.Postgres);
