using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Storage;

public sealed class DatabaseLockTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_held_database_is_refused_naming_it_and_its_holder_and_free_again_once_released()
    {
        var path = Path.Combine(_folder.Path, "nested", "x.db");
        var first = DatabaseLock.Acquire(path, "the worker (process 1)");

        var refused = Assert.Throws<DatabaseInUseException>(() => DatabaseLock.Acquire(path, "chat (process 2)"));
        Assert.StartsWith($"the database {path} is in use by the worker (process 1);", refused.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(refused); // every verb already reports IOExceptions as one line

        first.Dispose();
        using var second = DatabaseLock.Acquire(path, "chat (process 2)");
        Assert.Equal("chat (process 2)", File.ReadAllText(DatabaseLock.HolderPath(path)).Trim());
    }

    [Fact]
    public void Two_databases_in_one_folder_are_locked_apart()
    {
        using var a = DatabaseLock.Acquire(Path.Combine(_folder.Path, "a.db"), "a");
        using var b = DatabaseLock.Acquire(Path.Combine(_folder.Path, "b.db"), "b");
        Assert.NotEqual(DatabaseLock.LockPath(Path.Combine(_folder.Path, "a.db")), DatabaseLock.LockPath(Path.Combine(_folder.Path, "b.db")));
    }
}
