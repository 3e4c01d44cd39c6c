namespace ChatAssistant.Storage;

/// <summary>
/// The database's one writer as the outbox and the features see it: runs a store's work in the writer's
/// transaction, after what was queued before it. They write through it without depending on the conversation
/// writer that implements it (dependencies point down to Storage).
/// </summary>
internal interface IStoreWriter
{
    Task<T> RunAsync<TStore, T>(TStore store, Func<TStore, DateTimeOffset, T> work, CancellationToken cancellationToken = default)
        where TStore : IWriteStore;
}
