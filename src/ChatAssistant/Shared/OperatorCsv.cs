using System.Text;
using CsvHelper;

namespace ChatAssistant.Shared;

/// <summary>
/// Every CSV the assistant writes for operators (registrations, reports): owners' own words go into it, so a cell
/// that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is escaped with a leading
/// apostrophe; and a file that cannot be written is one line saying why, never a stack trace.
/// </summary>
internal static class OperatorCsv
{
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    /// <summary>A writer over <paramref name="output"/>, which stays open.</summary>
    public static CsvWriter Create(TextWriter output) => CsvWriter.Create(output, Options, true);

    /// <summary>
    /// Writes a UTF-8 file with a byte order mark (so spreadsheets read it as UTF-8); null when written, else the
    /// problem as one line starting with "--csv PATH". A file this call created is removed when writing it failed.
    /// </summary>
    public static string? TryWriteFile(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        if (path.Length == 0)
        {
            return "--csv needs a file name.";
        }

        if (Directory.Exists(path))
        {
            return $"--csv {path} is a folder; give a file name, e.g. {Path.Combine(path, "export.csv")}.";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            return File.Exists(folder)
                ? $"--csv {path}: {folder} is a file, not a folder."
                : $"--csv {path}: the folder {folder} does not exist; create it first.";
        }

        var existed = File.Exists(path);
        var opened = false;
        try
        {
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            opened = true;
            write(writer);
            writer.Flush();
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex switch
            {
                UnauthorizedAccessException => "no permission to write there",
                { HResult: 28 or 122 } => "the disk is full", // ENOSPC, EDQUOT
                _ => ex.Message.TrimEnd('.'),
            };
            if (!opened)
            {
                return $"--csv {path}: cannot write it: {reason}.";
            }

            if (!existed)
            {
                TryDelete(path);
                return $"--csv {path}: writing it failed: {reason}; the partial file was removed.";
            }

            return $"--csv {path}: writing it failed: {reason}; the file is incomplete, write the export again.";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The message already says writing failed; a file that cannot be removed is left as it is.
        }
    }
}
