using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage.Sqlite;

/// <summary>
/// Syncs a connection's main database file to disk through SQLite's own file object (the public
/// <c>sqlite3_io_methods</c> table: <c>xSync</c> of the file <c>SQLITE_FCNTL_FILE_POINTER</c> gives). A passive
/// checkpoint syncs the database file only when it has copied the whole log, which under steady writes it never
/// has; the file's writes then pile up until the writer's own backstop checkpoint, whose sync took 8-24 ms on this
/// disk inside a commit (docs/benchmarks.md). Syncing after each partial checkpoint, on the checkpointer's thread,
/// leaves that sync a few milliseconds' worth of writes (under 1 ms measured). Not through a descriptor of its own:
/// opening and closing a second one would drop the locks SQLite holds on the file (POSIX locks belong to the process,
/// per file).
/// </summary>
internal static class SqliteDatabaseFile
{
    private const int FileControlFilePointer = 7; // SQLITE_FCNTL_FILE_POINTER
    private const int SyncNormal = 0x2; // SQLITE_SYNC_NORMAL

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SyncMethod(IntPtr file, int flags);

    /// <summary>
    /// A call that syncs <paramref name="connection"/>'s main database file and returns SQLite's result code, or null
    /// when the SQLite library in use does not offer it (a system SQLite without the export).
    /// </summary>
    public static Func<int>? SyncFor(SqliteConnection connection)
    {
        var db = connection.Handle?.DangerousGetHandle() ?? IntPtr.Zero;
        if (db == IntPtr.Zero)
        {
            return null;
        }

        var slot = Marshal.AllocHGlobal(IntPtr.Size);
        try
        {
            Marshal.WriteIntPtr(slot, IntPtr.Zero);
            if (FileControl(db, "main", FileControlFilePointer, slot) != 0)
            {
                return null;
            }

            var file = Marshal.ReadIntPtr(slot);
            if (file == IntPtr.Zero)
            {
                return null;
            }

            // struct sqlite3_file { const sqlite3_io_methods *pMethods; }; the methods start after an int padded to a
            // pointer: xClose, xRead, xWrite, xTruncate, xSync.
            var methods = Marshal.ReadIntPtr(file);
            var sync = methods == IntPtr.Zero ? IntPtr.Zero : Marshal.ReadIntPtr(methods, 5 * IntPtr.Size);
            if (sync == IntPtr.Zero)
            {
                return null;
            }

            var call = Marshal.GetDelegateForFunctionPointer<SyncMethod>(sync);
            return () => call(file, SyncNormal);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            Marshal.FreeHGlobal(slot);
        }
    }

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", CallingConvention = CallingConvention.Cdecl)]
    private static extern int FileControl(IntPtr db, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int operation, IntPtr argument);
}
