using System.Globalization;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.DialogFolder;

/// <summary>
/// Reads the dialog files of a folder for the engine, which does no I/O of its own. Only what is safe to read is
/// read: a regular file in the folder (a symlink only to a file inside the folder), non-empty and at most
/// <see cref="MaxFileBytes"/>. Anything else is refused with a diagnostic at the file, so a dialog from it that is
/// live stays live, and nothing in the folder can make the service read forever, block or run out of memory.
/// </summary>
internal static class DialogFiles
{
    /// <summary>The largest dialog file read: the biggest shipped file is about 30 KiB.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The dialogs' data (programme rules, the training catalogue), in a folder of the dialogs folder; watched with it.</summary>
    public const string DataFolder = "data";

    /// <summary>Where the programme rules live, relative to the dialogs folder; read with the dialogs, as one of their sources.</summary>
    public static readonly string ProgrammesFile = System.IO.Path.Combine(DataFolder, "programmes.yaml");

    public static DialogFolderContents Read(string folder)
    {
        if (File.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The dialogs folder '{System.IO.Path.GetFullPath(folder)}' is a file, not a folder. Set Dialogs:Path, or give the dialogs folder on the command line (--dialogs DIR).");
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The dialogs folder '{System.IO.Path.GetFullPath(folder)}' does not exist. Set Dialogs:Path, or give the dialogs folder on the command line (--dialogs DIR).");
        }

        var root = RealPath(new DirectoryInfo(folder));
        var sources = new List<DialogSource>();
        var refused = new List<Diagnostic>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.TopDirectoryOnly)
            .Where(IsYaml)
            .Order(StringComparer.Ordinal))
        {
            var shown = System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
            var (text, problem) = TryRead(file, root);
            if (text is not null)
            {
                sources.Add(new DialogSource(shown, text));
            }
            else
            {
                refused.Add(new Diagnostic(new SourcePosition(shown, 1, 1), DiagnosticSeverity.Error, DiagnosticCodes.FileRefused, $"the file {problem}"));
            }
        }

        // The programme rules the dialogs compare with and cite are read with them, under the same limits.
        var programmes = System.IO.Path.Combine(folder, ProgrammesFile);
        if (File.Exists(programmes))
        {
            var shown = System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), programmes);
            var (text, problem) = TryRead(programmes, root);
            if (text is not null)
            {
                sources.Add(new DialogSource(shown, text));
            }
            else
            {
                refused.Add(new Diagnostic(new SourcePosition(shown, 1, 1), DiagnosticSeverity.Error, DiagnosticCodes.FileRefused, $"the file {problem}"));
            }
        }

        return new DialogFolderContents(sources, refused);

        static (string? Text, string? Problem) TryRead(string file, string rootPath)
        {
            FileInfo info;
            try
            {
                info = new FileInfo(file);
                if (info.LinkTarget is not null)
                {
                    // Follow the link to the end and accept it only when it stays in the folder.
                    var target = info.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is null || !target.Exists)
                    {
                        return (null, "is a symbolic link to nothing; not read");
                    }

                    var targetPath = RealPath(target);
                    if (!targetPath.StartsWith(rootPath + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        return (null, $"is a symbolic link out of the dialogs folder (to {target.FullName}); not read");
                    }

                    if (target is not FileInfo targetFile)
                    {
                        return (null, "is a symbolic link to a folder; not read");
                    }

                    info = targetFile;
                }

                // Devices, FIFOs and sockets report a size of 0 (and /dev/zero never ends); a dialog file is never
                // empty. So a size of 0 is refused before the file is opened: opening a FIFO would block.
                if (info.Length == 0)
                {
                    return (null, "is empty, or not a regular file (a device, FIFO or socket); not read");
                }

                if (info.Length > MaxFileBytes)
                {
                    return (null, string.Create(CultureInfo.InvariantCulture, $"is {info.Length / 1024.0 / 1024.0:0.0} MiB; a dialog file may be at most {MaxFileBytes / 1024 / 1024} MiB"));
                }

                var text = ReadBounded(info.FullName);
                return text is null ? (null, $"grew past {MaxFileBytes / 1024 / 1024} MiB while it was read; not read") : (text, null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (null, $"could not be read: {ex.Message}");
            }
        }
    }

    /// <summary>The file's text, reading at most one byte past the limit (the file may change while it is read); null if over it.</summary>
    private static string? ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
        var buffer = new byte[MaxFileBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        if (total > MaxFileBytes)
        {
            return null;
        }

        using var reader = new StreamReader(new MemoryStream(buffer, 0, total), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The path with every symbolic link in it resolved, so that "inside the folder" means inside it on disk.</summary>
    private static string RealPath(FileSystemInfo info)
    {
        // Resolve the folders above it, then the entry itself; 40 links at most, as Linux allows (ELOOP).
        var path = System.IO.Path.TrimEndingDirectorySeparator(info.FullName);
        for (var hops = 0; hops < 40; hops++)
        {
            var parent = System.IO.Path.GetDirectoryName(path);
            var name = System.IO.Path.GetFileName(path);
            if (parent is null || name.Length == 0)
            {
                return path;
            }

            var resolvedParent = parent == System.IO.Path.GetPathRoot(parent) ? parent : RealPath(new DirectoryInfo(parent));
            var here = System.IO.Path.Combine(resolvedParent, name);
            var link = new FileInfo(here).LinkTarget;
            if (link is null)
            {
                return here;
            }

            path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(link, resolvedParent));
        }

        throw new IOException($"too many symbolic links in {info.FullName}");
    }

    public static bool IsYaml(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads the folder; the files refused unread are reported with the loader's diagnostics.</summary>
    /// <param name="channels">The channels whose limits to check; null checks none.</param>
    public static DialogLoadResult Load(string folder, DialogChannels? channels = null)
    {
        var read = Read(folder);
        var result = DialogLoader.Load(read.Sources, channels: channels?.Limits);
        return read.Refused.Count == 0 ? result : result with { Diagnostics = [.. read.Refused, .. result.Diagnostics] };
    }
}

/// <summary>The dialog files read from a folder, and those refused unread (with the reason, at the file).</summary>
internal sealed record DialogFolderContents(IReadOnlyList<DialogSource> Sources, IReadOnlyList<Diagnostic> Refused);
