namespace ChatAssistant.Storage;

/// <summary>
/// A feature's store of writes, on the writer's <see cref="WriteSession"/>: what the conversation writer runs
/// in its transaction for callers outside it (<see cref="IStoreWriter.RunAsync"/>).
/// </summary>
internal interface IWriteStore
{
    WriteSession Session { get; }
}
