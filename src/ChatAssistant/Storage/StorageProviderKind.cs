namespace ChatAssistant.Storage;

/// <summary>Which database engine holds the assistant's data (<c>Storage:Provider</c>).</summary>
internal enum StorageProviderKind
{
    /// <summary>One file beside one worker: the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several equal worker replicas.</summary>
    Postgres,
}
