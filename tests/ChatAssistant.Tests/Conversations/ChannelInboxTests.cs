using ChatAssistant.Channels;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Conversations;

public sealed class ChannelInboxTests_Sqlite() : ChannelInboxTests(StorageProviderKind.Sqlite)
{
}

public sealed class ChannelInboxTests_Postgres() : ChannelInboxTests(StorageProviderKind.Postgres)
{
}

/// <summary>
/// The channels' port besides owners' messages, on each engine: another page of a question, an owner who blocked the
/// assistant, an update set aside, an answer to a stranger, a resumed conversation and the channel's position.
/// </summary>
public abstract class ChannelInboxTests : StorageMatrix
{
    private const string Channel = "test";

    private protected ChannelInboxTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    [Fact]
    public async Task Another_page_of_the_question_tapped_is_queued_once_with_the_same_text_and_buttons()
    {
        await using var fixture = await WriterFixture.StartAsync(Db, TelegramTestDialogs.Choice);
        var inbox = Inbox(fixture);
        var question = await fixture.SendAsync("ani", "/pilih");
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        await inbox.ShowPageAsync(Channel, "ani", "tap-1", 2, repliedTo: null, CancellationToken.None);
        await inbox.ShowPageAsync(Channel, "ani", "tap-1", 2, repliedTo: null, CancellationToken.None); // redelivered

        var waiting = fixture.Outbox.Pending(10, Channel, "ani");
        Assert.Equal(2, waiting.Count);
        Assert.Equal(question.Reply!.Text, waiting[1].Message.Text);
        Assert.Equal(waiting[0].Message.Buttons.Select(b => b.Label), waiting[1].Message.Buttons.Select(b => b.Label));
        Assert.Equal((0, 2), (waiting[0].Page, waiting[1].Page));
        Assert.Equal(fixture.Time.GetUtcNow().ToUnixTimeMilliseconds(), Db.Count("SELECT last_seen_at FROM users WHERE chat_id = 'ani'"));
    }

    [Fact]
    public async Task An_owner_who_blocks_the_assistant_has_what_waits_for_them_failed_until_they_come_back()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var inbox = Inbox(fixture);
        await fixture.SendAsync("ani", "/omzet");
        await fixture.SendAsync("budi", "/omzet");

        await inbox.RecordMembershipAsync(Channel, "ani", reachable: false, new ChannelPosition("offset", "7"), CancellationToken.None);

        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM outbox WHERE chat_id = 'ani' AND failed_at IS NOT NULL AND error = 'unreachable'"));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM users WHERE unreachable_at IS NOT NULL"));
        Assert.Single(fixture.Outbox.Pending(10, Channel));
        Assert.Equal("7", await inbox.LoadPositionAsync(Channel, "offset", CancellationToken.None));

        await inbox.RecordMembershipAsync(Channel, "ani", reachable: true, position: null, CancellationToken.None);
        Assert.Equal(0, Db.Count("SELECT COUNT(*) FROM users WHERE unreachable_at IS NOT NULL"));
    }

    [Fact]
    public async Task An_update_set_aside_keeps_its_bytes_and_a_strangers_answer_goes_once()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var inbox = Inbox(fixture);
        byte[] raw = [0x7b, 0x00, 0xff, 0x7d];

        await inbox.RecordDeadLetterAsync(Channel, "u-1", "not JSON", raw, new ChannelPosition("offset", "8"), CancellationToken.None);
        await inbox.AnswerOnceAsync(Channel, "group-1", "m-1", OutboundMessage.Plain("Hanya chat pribadi."), position: null, CancellationToken.None);
        await inbox.AnswerOnceAsync(Channel, "group-1", "m-1", OutboundMessage.Plain("Hanya chat pribadi."), position: null, CancellationToken.None);
        await inbox.SavePositionAsync(Channel, new ChannelPosition("offset", "9"), CancellationToken.None);

        Assert.Equal(4, Db.Count("SELECT length(raw) FROM dead_letters WHERE update_id = 'u-1' AND reason = 'not JSON'"));
        var answer = Assert.Single(fixture.Outbox.Pending(10, Channel, "group-1"));
        Assert.Equal((0L, "Hanya chat pribadi."), (answer.UserId, answer.Message.Text));
        Assert.Equal("9", await inbox.LoadPositionAsync(Channel, "offset", CancellationToken.None));
    }

    [Fact]
    public async Task A_resumed_conversation_gives_the_question_it_is_at_in_the_language_asked_for()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var inbox = Inbox(fixture);
        await fixture.SendAsync("ani", "/omzet");

        var (question, language) = await inbox.ResumeAsync(Channel, "ani", "en", CancellationToken.None);

        Assert.Equal("en", language);
        Assert.EndsWith("Your business name?", question!.Text, StringComparison.Ordinal);
        Assert.Equal("en", Db.Text("SELECT language FROM users WHERE chat_id = 'ani'"));
    }

    private static ChannelInbox Inbox(WriterFixture fixture)
    {
        var loaded = DialogLoader.Load([new DialogSource("test.yaml", TestDialogs.Sales), new DialogSource("choice.yaml", TelegramTestDialogs.Choice), WriterFixture.ShippedProgrammes()]);
        return new ChannelInbox(fixture.Writer, fixture.Sessions, fixture.OutboxStore, new DeliveryStore(fixture.Session), fixture.Outbox, new ConversationEngine(loaded.Catalog), []);
    }
}
