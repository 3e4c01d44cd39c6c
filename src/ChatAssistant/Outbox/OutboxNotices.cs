using ChatAssistant.Storage;
using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Outbox;

/// <summary>
/// Wakes this replica's senders when another replica's writer commits outbox rows: the writer notifies
/// <see cref="Channel"/> in the transaction that queues them (<see cref="WriteSession.NotifyOnCommit"/>), and this
/// listener passes each notice on to the <see cref="OutboxSignal"/>. Without it the elected sender would find another
/// replica's replies only by its idle poll, up to a second later; that poll stays as the fallback. Nothing to hear on
/// a database of one process.
/// </summary>
internal sealed class OutboxNotices(IReplicaNotices notices, OutboxSignal signal) : BackgroundService
{
    public const string Channel = "chatassistant_outbox";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => notices.ListenAsync(Channel, signal.Notify, stoppingToken);
}
