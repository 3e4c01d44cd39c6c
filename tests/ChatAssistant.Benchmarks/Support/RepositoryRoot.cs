namespace ChatAssistant.Benchmarks.Support;

/// <summary>
/// The folder that holds ChatAssistant.sln, found from wherever the benchmark runs (BenchmarkDotNet runs each
/// benchmark in a child process built under bin/), so that the shipped <c>dialogs/</c> are always the ones read.
/// </summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "ChatAssistant.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException($"no ChatAssistant.sln above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
    }

    public static string DialogsFolder() => Path.Combine(Find(), "dialogs");
}
