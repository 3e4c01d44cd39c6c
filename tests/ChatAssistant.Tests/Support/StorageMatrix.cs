using ChatAssistant.Storage;

namespace ChatAssistant.Tests.Support;

/// <summary>
/// The base of a test class whose tests run on each engine: the tests are written once in an abstract subclass, and
/// two sealed one-line classes name the engine (<c>XxxTests_Sqlite</c>, <c>XxxTests_Postgres</c>). Each test gets a
/// folder of its own and, on first use, a database of its own (<see cref="Db"/>: the folder's SQLite file, or a new
/// PostgreSQL database), both removed afterwards.
/// </summary>
public abstract class StorageMatrix : IDisposable
{
    private StorageTarget? _db;

    private protected StorageMatrix(StorageProviderKind kind) => Kind = kind;

    private protected StorageProviderKind Kind { get; }

    private protected TempFolder Folder { get; } = new();

    /// <summary>The test's database, made when first asked for (a test that needs none makes none).</summary>
    private protected StorageTarget Db => _db ??= StorageTarget.Create(Kind, Folder);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _db?.Dispose();
            Folder.Dispose();
        }
    }
}
