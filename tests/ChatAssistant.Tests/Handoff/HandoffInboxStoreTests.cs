using ChatAssistant.Channels;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Handoff;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Handoff;

/// <summary>
/// What the console's inbox needs of the Handoff store, and the owner's /batal, on a real writer and a real SQLite
/// file each; the fixture's clock starts Monday 2026-11-23 15:00 WIB, inside the working hours used here.
/// </summary>
public abstract class HandoffInboxStoreTests : IDisposable
{
    private static readonly WorkingHours OfficeHours = new(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], TimeSpan.FromHours(8), TimeSpan.FromHours(16));

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected HandoffInboxStoreTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    private Task<WriterFixture> StartAsync() => WriterFixture.StartAsync(_target, handoff: OfficeHours);

    /// <summary>The owner at the sales question of the test dialog, with a request for a person open; its id.</summary>
    private async Task<long> AskedAtSalesAsync(WriterFixture fixture, string owner = "owner", string channel = "test")
    {
        await SendAsync(fixture, owner, "/omzet", channel);
        await SendAsync(fixture, owner, "Toko Sari", channel);
        await SendAsync(fixture, owner, "/petugas", channel);
        return Inbox().Single(r => r.ChatId == owner).Id;
    }

    private static Task<HandledMessage> SendAsync(WriterFixture fixture, string owner, string text, string channel = "test") =>
        fixture.Writer.SubmitAsync(new InboundEnvelope(channel, owner, Guid.NewGuid().ToString("N"), InboundMessage.FromText(text), fixture.Time.GetUtcNow()));

    private static Task<HandoffOutcome> RunAsync(WriterFixture fixture, Func<HandoffStore, DateTimeOffset, HandoffOutcome> work) =>
        fixture.Writer.RunAsync(fixture.Handoff!, work);

    private IReadOnlyList<HandoffInboxItem> Inbox()
    {
        using var connection = _target.Connect();
        return HandoffStore.Inbox(connection);
    }

    private HandoffDetail? Request(long id)
    {
        using var connection = _target.Connect();
        return HandoffStore.Request(connection, id);
    }

    private string? OutboxText(long id) => Sql.Text(_target, $"SELECT text FROM outbox WHERE id = {id}");

    private long OutboxRows() => Sql.Count(_target, "SELECT COUNT(*) FROM outbox");

    [Theory]
    [InlineData("/batal")]
    [InlineData("/CANCEL")]
    [InlineData("/batal@UmkmBot")]
    public async Task Cancelling_a_request_nobody_has_taken_returns_the_owner_to_their_question(string command)
    {
        await using var fixture = await StartAsync();
        var id = await AskedAtSalesAsync(fixture);

        var cancelled = await SendAsync(fixture, "owner", command);

        Assert.Equal(HandledStatus.Answered, cancelled.Status);
        Assert.StartsWith("Baik, permintaan Anda untuk bicara dengan petugas dibatalkan.", cancelled.Reply!.Text, StringComparison.Ordinal);
        Assert.EndsWith("Omzet setahun?", cancelled.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(cancelled.Reply.Text, OutboxText(cancelled.OutboxId));
        Assert.Empty(Inbox());
        var request = Request(id)!;
        Assert.Equal(fixture.Time.GetUtcNow(), request.ClosedAt);
        Assert.Null(request.HandedBackAt);
        Assert.Equal("sales", Sql.Text(_target, "SELECT step_id FROM conversations")); // the dialog's own /batal did not run

        var answer = await SendAsync(fixture, "owner", "15 juta");

        Assert.Contains("Punya KUR?", answer.Reply!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_once_an_operator_has_it_goes_to_the_operator_and_says_so()
    {
        await using var fixture = await StartAsync();
        var id = await AskedAtSalesAsync(fixture);
        await RunAsync(fixture, (s, now) => s.Take(id, "telegram:1", now));

        var forwarded = await SendAsync(fixture, "owner", "/batal");

        Assert.Equal(HandledStatus.Forwarded, forwarded.Status);
        Assert.StartsWith("Petugas sedang menangani permintaan Anda", forwarded.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal("/batal", Assert.Single(Inbox()).LastText);
        Assert.True(Request(id)!.IsOpen);
    }

    [Fact]
    public async Task An_operator_closes_a_request_nobody_has_and_the_owner_is_told_and_back_at_their_question()
    {
        await using var fixture = await StartAsync();
        var id = await AskedAtSalesAsync(fixture);

        var closed = await RunAsync(fixture, (s, now) => s.Close(id, "telegram:1", now, fixture.Writer));
        var again = await RunAsync(fixture, (s, now) => s.Close(id, "telegram:1", now, fixture.Writer));
        var take = await RunAsync(fixture, (s, now) => s.Take(id, "telegram:1", now));

        Assert.Equal(HandoffResult.Done, closed.Result);
        var note = OutboxText(closed.OutboxId)!;
        Assert.StartsWith("Permintaan Anda untuk bicara dengan petugas sudah ditutup.", note, StringComparison.Ordinal);
        Assert.EndsWith("Omzet setahun?", note, StringComparison.Ordinal);
        Assert.Equal(HandoffResult.Closed, again.Result);
        Assert.Equal(HandoffResult.Closed, take.Result);
        Assert.Empty(Inbox());
        Assert.Null(Request(id)!.HandedBackAt);
        Assert.Contains("Punya KUR?", (await SendAsync(fixture, "owner", "15 juta")).Reply!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_operator_who_has_a_request_closes_it()
    {
        await using var fixture = await StartAsync();
        var id = await AskedAtSalesAsync(fixture);
        await RunAsync(fixture, (s, now) => s.Take(id, "telegram:1", now));
        var before = OutboxRows();

        var other = await RunAsync(fixture, (s, now) => s.Close(id, "telegram:2", now, fixture.Writer));

        Assert.Equal(new HandoffOutcome(HandoffResult.TakenByOther, "telegram:1"), other);
        Assert.Equal(before, OutboxRows());
        Assert.True(Request(id)!.IsOpen);
        Assert.Equal(HandoffResult.Done, (await RunAsync(fixture, (s, now) => s.Close(id, "telegram:1", now, fixture.Writer))).Result);
    }

    [Fact]
    public async Task A_reply_to_a_whatsapp_owner_is_refused_once_their_24_hour_window_has_closed()
    {
        await using var fixture = await StartAsync();
        var id = await AskedAtSalesAsync(fixture, "6281234567890", "whatsapp");
        await RunAsync(fixture, (s, now) => s.Take(id, "telegram:1", now));
        fixture.Time.Advance(TimeSpan.FromHours(23));

        var inside = await RunAsync(fixture, (s, now) => s.Reply(id, "telegram:1", "Masih di sini?", now));
        fixture.Time.Advance(TimeSpan.FromMinutes(55)); // ten minutes short of the 24 hours: too late for the sender
        var before = OutboxRows();
        var outside = await RunAsync(fixture, (s, now) => s.Reply(id, "telegram:1", "Halo?", now));

        Assert.Equal(HandoffResult.Done, inside.Result);
        Assert.Equal(new HandoffOutcome(HandoffResult.OutsideWindow, "telegram:1"), outside);
        Assert.Equal(before, OutboxRows());
        Assert.Equal(1, Assert.Single(Inbox()).Lines); // only the reply inside the window

        await SendAsync(fixture, "6281234567890", "maaf, baru sempat", "whatsapp");
        var reopened = await RunAsync(fixture, (s, now) => s.Reply(id, "telegram:1", "Halo lagi", now));

        Assert.Equal(HandoffResult.Done, reopened.Result);
    }

    [Fact]
    public async Task A_reply_on_telegram_has_no_window()
    {
        await using var fixture = await StartAsync();
        var id = await AskedAtSalesAsync(fixture);
        await RunAsync(fixture, (s, now) => s.Take(id, "telegram:1", now));
        fixture.Time.Advance(TimeSpan.FromDays(3));

        var reply = await RunAsync(fixture, (s, now) => s.Reply(id, "telegram:1", "Maaf menunggu lama.", now));

        Assert.Equal(HandoffResult.Done, reply.Result);
    }

    [Fact]
    public async Task The_inbox_lists_open_requests_oldest_first_with_the_owner_who_has_it_and_the_newest_line()
    {
        await using var fixture = await StartAsync();
        var first = await AskedAtSalesAsync(fixture, "ani");
        var opened = fixture.Time.GetUtcNow();
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await AskedAtSalesAsync(fixture, "budi");
        await SendAsync(fixture, "ani", "Apa itu KUR?");
        await RunAsync(fixture, (s, now) => s.Take(first, "telegram:1", now));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await RunAsync(fixture, (s, now) => s.Reply(first, "telegram:1", "KUR adalah kredit usaha rakyat.", now));
        var third = await AskedAtSalesAsync(fixture, "citra");
        await RunAsync(fixture, (s, now) => s.Close(third, "telegram:1", now, null));

        var inbox = Inbox();

        Assert.Equal([first, second], inbox.Select(r => r.Id));
        var ani = inbox[0];
        Assert.Equal(("test", "ani", "Toko Sari", "telegram:1"), (ani.Channel, ani.ChatId, ani.OwnerName, ani.TakenBy));
        Assert.Equal(opened, ani.OpenedAt);
        Assert.Equal(fixture.Time.GetUtcNow(), ani.FirstReplyAt);
        Assert.Equal((2, "KUR adalah kredit usaha rakyat.", "telegram:1"), (ani.Lines, ani.LastText, ani.LastOperator));
        var budi = inbox[1];
        Assert.Equal((null, null, 0, null), (budi.TakenBy, budi.FirstReplyAt, budi.Lines, budi.LastText));
    }

    [Fact]
    public async Task A_request_is_unanswered_from_the_configured_time_until_an_operator_replies()
    {
        await using var fixture = await StartAsync();
        var id = await AskedAtSalesAsync(fixture);
        var after = TimeSpan.FromMinutes(30);
        var now = fixture.Time.GetUtcNow();

        Assert.False(Inbox()[0].IsUnanswered(now + after - TimeSpan.FromSeconds(1), after));
        Assert.True(Inbox()[0].IsUnanswered(now + after, after));

        await RunAsync(fixture, (s, at) => s.Take(id, "telegram:1", at));
        Assert.True(Inbox()[0].IsUnanswered(now + after, after)); // taken is not answered
        await RunAsync(fixture, (s, at) => s.Reply(id, "telegram:1", "Halo", at));

        Assert.False(Inbox()[0].IsUnanswered(now + after, after));
    }

    [Fact]
    public async Task A_requests_page_shows_the_owners_profile_and_answers_without_the_engines_own_keys()
    {
        await using var fixture = await StartAsync();
        await SendAsync(fixture, "owner", "/omzet");
        await SendAsync(fixture, "owner", "Toko Sari");
        await SendAsync(fixture, "owner", "banyak"); // not understood: the engine counts it under @misses
        await SendAsync(fixture, "owner", "/petugas");
        var id = Inbox()[0].Id;
        var request = Request(id)!;

        HandoffProfile profile;
        using (var connection = _target.Connect())
        {
            profile = HandoffStore.Profile(connection, request.UserId);
        }

        Assert.Equal([KeyValuePair.Create("business_name", DialogValue.FromText("Toko Sari"))], profile.Values);
        var conversation = Assert.Single(profile.Conversations);
        Assert.Equal(("sales", ConversationStatus.Active, "sales"), (conversation.DialogId, conversation.Status, conversation.StepId));
        Assert.DoesNotContain(conversation.Answers, a => a.Key.StartsWith('@'));
        Assert.Equal(("test", "owner", "id", "Toko Sari"), (request.Channel, request.ChatId, request.Language, request.OwnerName));
        Assert.Equal(fixture.Time.GetUtcNow(), request.LastSeenAt);
        Assert.Null(Request(id + 1));
    }

    [Fact]
    public async Task The_recent_transcript_spans_the_owners_requests_newest_lines_kept()
    {
        await using var fixture = await StartAsync();
        var first = await AskedAtSalesAsync(fixture);
        await SendAsync(fixture, "owner", "pertama");
        await RunAsync(fixture, (s, now) => s.Take(first, "telegram:1", now));
        await RunAsync(fixture, (s, now) => s.Reply(first, "telegram:1", "jawaban", now));
        await RunAsync(fixture, (s, now) => s.HandBack(first, "telegram:1", now, fixture.Writer));
        await SendAsync(fixture, "owner", "/petugas");
        var second = Inbox()[0].Id;
        await SendAsync(fixture, "owner", "kedua");
        await SendAsync(fixture, "someone else", "/omzet");

        IReadOnlyList<HandoffTranscriptLine> all, newest;
        using (var connection = _target.Connect())
        {
            all = HandoffStore.RecentTranscript(connection, Request(second)!.UserId, 10);
            newest = HandoffStore.RecentTranscript(connection, Request(second)!.UserId, 2);
        }

        Assert.Equal([(first, null, "pertama"), (first, "telegram:1", "jawaban"), (second, null, "kedua")], all.Select(l => (l.Request, l.Operator, l.Text)));
        Assert.Equal(["jawaban", "kedua"], newest.Select(l => l.Text));
    }

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }
}

public sealed class HandoffInboxStoreTests_Sqlite() : HandoffInboxStoreTests(StorageProviderKind.Sqlite);

public sealed class HandoffInboxStoreTests_Postgres() : HandoffInboxStoreTests(StorageProviderKind.Postgres);
