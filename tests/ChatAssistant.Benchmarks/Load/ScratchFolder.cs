using Microsoft.Data.Sqlite;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>A run's own folder for its database: removed afterwards unless the operator asked to keep it (<c>--keep</c>).</summary>
internal static class ScratchFolder
{
    public static async Task<int> RunInAsync(string parent, string prefix, string databaseName, bool keep, TextWriter output, Func<string, Task<int>> run)
    {
        var folder = Path.Combine(parent, prefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            return await run(folder).ConfigureAwait(false);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (keep)
            {
                output.WriteLine($"database kept: {Path.Combine(folder, databaseName)}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
