using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs;

/// <summary>Reads the dialog files of a folder for the engine, which does no I/O of its own.</summary>
internal static class DialogFiles
{
    public static IReadOnlyList<DialogSource> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The dialogs folder '{System.IO.Path.GetFullPath(folder)}' does not exist. Set Dialogs:Path, or give the dialogs folder on the command line.");
        }

        return Directory.EnumerateFiles(folder, "*.*", SearchOption.TopDirectoryOnly)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new DialogSource(System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), f), File.ReadAllText(f)))
            .ToList();
    }

    public static DialogLoadResult Load(string folder) => DialogLoader.Load(Read(folder));
}
