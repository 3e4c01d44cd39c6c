namespace ChatAssistant.Storage;

/// <summary>
/// The one-writer rule across processes: the worker and <c>chat</c> hold an exclusive OS lock on a file beside
/// the database (<c>chatassistant.db.lock</c>) for as long as they run. Two workers on one database would send
/// every reply twice. On Linux .NET takes <c>FileShare.None</c> as <c>flock(LOCK_EX)</c>, which the kernel drops
/// when the process ends, however it ends: a SIGKILL never leaves a stale lock. Read-only verbs take no lock.
/// </summary>
internal sealed class DatabaseLock : IDisposable
{
    private readonly FileStream _lock;

    private DatabaseLock(FileStream held) => _lock = held;

    /// <summary>The lock file of a database.</summary>
    public static string LockPath(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>
    /// Who holds the lock, for the refusal message. A file of its own because the locked file cannot be read by
    /// another .NET process (it would take a shared lock on it); written after the lock is held, so it is
    /// current whenever the lock is.
    /// </summary>
    public static string HolderPath(string databasePath) => Path.GetFullPath(databasePath) + ".holder";

    /// <summary>
    /// Takes the lock, or throws <see cref="DatabaseInUseException"/> naming the database and its holder
    /// (<see cref="DatabaseFileException"/> when the path is a folder or not a database).
    /// </summary>
    /// <param name="databasePath">The database file (it need not exist yet).</param>
    /// <param name="holder">Who takes it, for a refused process to read, e.g. "the worker (process 4321, since ...)".</param>
    public static DatabaseLock Acquire(string databasePath, string holder)
    {
        // A folder or a file that is no database is refused before the lock and holder files appear beside it.
        Database.Check(databasePath, mustExist: false);
        var path = LockPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream held;
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new DatabaseInUseException(databasePath, ReadHolder(databasePath), ex);
        }

        try
        {
            File.WriteAllText(HolderPath(databasePath), holder + Environment.NewLine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The holder's description only improves the message another process shows; the lock is what counts.
        }

        return new DatabaseLock(held);
    }

    private static string? ReadHolder(string databasePath)
    {
        try
        {
            var text = File.ReadAllText(HolderPath(databasePath)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();
}
