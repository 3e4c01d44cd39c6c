namespace ChatAssistant.Storage;

/// <summary>
/// Notices that one replica sends the others through the shared database when it commits something they wait
/// for (a reply for the elected sender): sent with <see cref="WriteSession.NotifyOnCommit"/>, heard here.
/// </summary>
internal interface IReplicaNotices
{
    /// <summary>
    /// Calls <paramref name="heard"/> for every notice on <paramref name="channel"/> (a lower-case SQL name) until
    /// <paramref name="cancellationToken"/> is cancelled, and once more after each (re)connection, since notices
    /// sent meanwhile were missed. Returns at once where no other process writes.
    /// </summary>
    Task ListenAsync(string channel, Action heard, CancellationToken cancellationToken);
}

/// <summary>One process per database (SQLite): its writer wakes its senders in memory, nobody else writes.</summary>
internal sealed class NoReplicaNotices : IReplicaNotices
{
    public Task ListenAsync(string channel, Action heard, CancellationToken cancellationToken) => Task.CompletedTask;
}
