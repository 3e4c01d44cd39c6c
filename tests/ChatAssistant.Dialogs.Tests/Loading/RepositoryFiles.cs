namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>Finds files of the repository from wherever the tests run: the folder that holds ChatAssistant.sln.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "ChatAssistant.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no ChatAssistant.sln above {AppContext.BaseDirectory}");
    }
}
