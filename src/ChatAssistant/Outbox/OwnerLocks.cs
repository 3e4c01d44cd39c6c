using ChatAssistant.Storage;

namespace ChatAssistant.Outbox;

/// <summary>
/// Each owner's lock, held until the write transaction ends, where several writers share the database (PostgreSQL:
/// a transaction-scoped advisory lock per owner): an owner's messages are then handled by one replica at a time and
/// in order, and what a replica reads of the owner after taking the lock is what the last one committed. Nothing
/// where the write transaction already holds the whole database (SQLite). The writer takes the locks of a batch's
/// owners at once, sorted by key, so that two replicas never wait for each other in a circle; a lock taken later in
/// the transaction (a store's own) may close a circle, which the server breaks by failing one transaction with a
/// deadlock, a passing error: that batch goes again.
/// </summary>
internal sealed class OwnerLocks
{
    private readonly WriteSession _session;
    private readonly PreparedCommand? _lockMany;

    public OwnerLocks(WriteSession session)
    {
        _session = session;
        _lockMany = session.Dialect.TransactionLocks is { } sql ? session.Prepare(sql) : null;
    }

    /// <summary>False where the write transaction needs no owner locks (SQLite).</summary>
    public bool Needed => _lockMany is not null;

    /// <summary>The lock key of an owner, the same in every replica and release (<see cref="LockKey"/>).</summary>
    public static long Key(string channel, string chatId) => LockKey.Of("owner", channel + ":" + chatId);

    /// <summary>Locks one owner for the rest of the transaction (at once when this transaction holds it already).</summary>
    public void Lock(string channel, string chatId)
    {
        if (Needed)
        {
            _session.LockForTransaction(Key(channel, chatId));
        }
    }

    /// <summary>Locks every key of <paramref name="keys"/> in ascending order (duplicates once) for the rest of the transaction.</summary>
    public void Lock(List<long> keys)
    {
        if (_lockMany is null || keys.Count == 0)
        {
            return;
        }

        keys.Sort();
        var distinct = new List<long>(keys.Count);
        foreach (var key in keys)
        {
            if (distinct.Count == 0 || distinct[^1] != key)
            {
                distinct.Add(key);
            }
        }

        _lockMany.Set("@keys", distinct.ToArray()).Execute();
    }
}
