using ChatAssistant.Channels;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;

namespace ChatAssistant.Conversations;

/// <summary>The channels' port (<see cref="IChannelInbox"/>, <see cref="IDirectChat"/>) on the single writer.</summary>
/// <remarks>
/// Each write runs on the store it names, in the writer's transaction; the inbox and sessions are
/// <see cref="SessionStore"/>'s, replies, reachability and channel positions <see cref="OutboxStore"/>'s, delivery
/// reports <see cref="DeliveryStore"/>'s, another page of a question <see cref="OutboxPages"/>' (the same session).
/// </remarks>
internal sealed class ChannelInbox(
    ConversationWriter writer,
    SessionStore owners,
    OutboxStore store,
    DeliveryStore deliveries,
    OutboxReader outbox,
    ConversationEngine engine,
    IEnumerable<IOutboxObserver> observers) : IChannelInbox, IDirectChat
{
    private readonly IOutboxObserver[] _observers = [.. observers];

    // Prepared on the outbox's session (the writer's), beside the other stores' statements.
    private readonly OutboxPages _pages = new(store.Session);

    // The owner's message path: the writer's own task, nothing added per message.
    public Task SubmitAsync(InboundEnvelope envelope, CancellationToken cancellationToken) => writer.SubmitAsync(envelope, cancellationToken);

    public Task AnswerOnceAsync(string channel, string chatId, string messageId, OutboundMessage answer, ChannelPosition? position, CancellationToken cancellationToken) =>
        writer.RunAsync(store, (store, now) =>
        {
            var ms = now.ToUnixTimeMilliseconds();
            if (owners.TryRecordInbound(channel, messageId, ms))
            {
                // Not an owner: no user row (id 0), just the answer.
                store.Enqueue(0, channel, chatId, answer, OutboxPriority.Interactive, ms);
            }

            Save(store, channel, position);
            return true;
        }, cancellationToken);

    public Task RecordMembershipAsync(string channel, string chatId, bool reachable, ChannelPosition? position, CancellationToken cancellationToken) =>
        writer.RunAsync(store, (store, now) =>
        {
            owners.Locks.Lock(channel, chatId); // beside the owner's messages other replicas may be handling
            if (reachable)
            {
                store.MarkReachable(channel, chatId);
            }
            else
            {
                foreach (var observer in _observers)
                {
                    observer.Unreachable(channel, chatId, now); // before the outbox drops what waited for them
                }

                store.MarkUnreachable(channel, chatId, now.ToUnixTimeMilliseconds());
            }

            Save(store, channel, position);
            return true;
        }, cancellationToken);

    public Task RecordDeadLetterAsync(string channel, string messageId, string reason, ReadOnlyMemory<byte> raw, ChannelPosition? position, CancellationToken cancellationToken) =>
        writer.RunAsync(store, (store, now) =>
        {
            owners.SetAside(channel, messageId, reason, raw.Span, now.ToUnixTimeMilliseconds());
            Save(store, channel, position);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<DeliveryChange>> RecordStatusesAsync(string channel, IReadOnlyList<DeliveryReport> reports, CancellationToken cancellationToken) =>
        writer.RunAsync(deliveries, (store, now) =>
        {
            var ms = now.ToUnixTimeMilliseconds();
            var changes = new DeliveryChange[reports.Count];
            for (var i = 0; i < reports.Count; i++)
            {
                changes[i] = store.Record(channel, reports[i], ms);
            }

            return (IReadOnlyList<DeliveryChange>)changes;
        }, cancellationToken);

    public Task ShowPageAsync(string channel, string chatId, string messageId, int page, string? repliedTo, CancellationToken cancellationToken) =>
        writer.RunAsync(_pages, (store, now) =>
        {
            var ms = now.ToUnixTimeMilliseconds();
            if (owners.TryRecordInbound(channel, messageId, ms) && store.Repeat(channel, chatId, repliedTo, page, ms) is { } owner)
            {
                owners.TouchUser(owner, ms);
            }

            return true;
        }, cancellationToken);

    public Task SavePositionAsync(string channel, ChannelPosition? position, CancellationToken cancellationToken) =>
        writer.RunAsync(store, (store, _) =>
        {
            Save(store, channel, position);
            return true;
        }, cancellationToken);

    public Task<string?> LoadPositionAsync(string channel, string key, CancellationToken cancellationToken) =>
        writer.RunAsync(store, (store, _) => store.GetChannelState(channel, key), cancellationToken);

    public Task<(OutboundMessage? Question, string Language)> ResumeAsync(string channel, string chatId, string? language, CancellationToken cancellationToken) =>
        writer.RunAsync(owners, (store, now) =>
        {
            store.Locks.Lock(channel, chatId);
            var stored = store.LoadSession(channel, chatId, language, now.ToUnixTimeMilliseconds());
            if (language is not null)
            {
                stored.Session.SetLanguage(language);
                store.Save(stored, now.ToUnixTimeMilliseconds());
            }

            var question = engine.CurrentQuestion(stored.Session);
            stored.Session.AcceptChanges();
            return (question, stored.Session.Language);
        }, cancellationToken);

    public IReadOnlyList<OutboxMessage> Pending(string channel, string chatId, int max) => outbox.Pending(max, channel, chatId);

    public Task MarkDeliveredAsync(IReadOnlyList<OutboxMessage> delivered, CancellationToken cancellationToken) =>
        writer.RunAsync(store, (store, now) =>
        {
            foreach (var message in delivered)
            {
                store.MarkSent(message.Id, now.ToUnixTimeMilliseconds());
            }

            return true;
        }, cancellationToken);

    private static void Save(OutboxStore store, string channel, ChannelPosition? position)
    {
        if (position is not null)
        {
            store.SetChannelState(channel, position.Key, position.Value);
        }
    }
}
