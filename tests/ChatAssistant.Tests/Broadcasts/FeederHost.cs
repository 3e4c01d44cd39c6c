using ChatAssistant.Broadcasts;
using ChatAssistant.Outbox;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>A feeder for one channel on a writer fixture's writer and fake clock; rounds are run by the test.</summary>
internal static class FeederHost
{
    /// <param name="queueAhead">How many announcements may wait in the outbox at once (the feeder's room).</param>
    public static BroadcastFeeder Create(WriterFixture fixture, string channel = "telegram", int queueAhead = 50, BroadcastOptions? options = null)
    {
        var broadcast = options ?? new BroadcastOptions();
        broadcast.QueueAhead = TimeSpan.FromSeconds(queueAhead);
        return new BroadcastFeeder(channel, new OutboxOptions { MaxMessagesPerSecond = 1 }, broadcast, fixture.Writer, fixture.Store.Broadcasts(), fixture.Time, new Random(1), NullLogger<BroadcastFeeder>.Instance);
    }

    public static Task<long> CreateAsync(WriterFixture fixture, BroadcastSegment? segment = null, DateTimeOffset? at = null, string text = "Pendaftaran Bimtek Padang ditutup Jumat.", string? english = null) =>
        fixture.RunAsync((store, now) =>
            store.Broadcasts().CreateBroadcast(new BroadcastDraft(text, english, null, segment ?? BroadcastSegment.Everyone, "test", at), now.ToUnixTimeMilliseconds()));

    /// <summary>What the dispatcher does just before a send: the owner's queued announcement is marked as on the wire.</summary>
    public static Task<bool> ClaimAsync(WriterFixture fixture, StorageTarget target, string chatId)
    {
        var outboxId = Sql.Count(target, $"SELECT id FROM outbox WHERE broadcast_id IS NOT NULL AND sent_at IS NULL AND chat_id = '{chatId}'");
        return fixture.Writer.RunAsync(fixture.Store.Outbox, (outbox, now) => outbox.Claim(outboxId, now.ToUnixTimeMilliseconds()));
    }
}
