using System.Buffers;
using System.Globalization;
using System.Text;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// Reads an announcement file (<c>--text-file</c>, <c>--text-en-file</c>): it must be UTF-8 text, because whatever
/// it holds is sent to every owner in the segment. A file in another encoding, a binary file or one with control
/// characters is refused with one line saying why, before anything is created.
/// </summary>
internal static class AnnouncementFile
{
    /// <summary>The most bytes read: room for the longest announcement in 4-byte characters, and a byte order mark.</summary>
    public const int MaxBytes = (AnnouncementText.MaxLength * 4) + 3;

    /// <summary>The file's text, trimmed; or false with the reason, which names neither the option nor the path.</summary>
    public static bool TryRead(string path, out string text, out string problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        text = string.Empty;
        if (Directory.Exists(path))
        {
            problem = "is a folder, not a text file.";
            return false;
        }

        if (!File.Exists(path))
        {
            problem = "does not exist.";
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = ReadAtMost(path, MaxBytes + 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = ex is UnauthorizedAccessException ? "cannot be read (no permission)." : $"cannot be read: {ex.Message}";
            return false;
        }

        if (bytes.Length > MaxBytes)
        {
            problem = $"is too long: an announcement holds at most {AnnouncementText.MaxLength.ToString("N0", CultureInfo.InvariantCulture)} characters.";
            return false;
        }

        return TryDecode(bytes, out text, out problem);
    }

    /// <summary>The checks on the file's bytes, in the order a person would fix them.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string problem)
    {
        text = string.Empty;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            problem = "is UTF-32 text (it starts with a UTF-32 byte order mark); save it as UTF-8.";
            return false;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            problem = "is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8.";
            return false;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..]; // a UTF-8 byte order mark, as some editors write: not part of the text
        }

        var line = 1;
        for (var offset = 0; offset < bytes.Length;)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed) != OperationStatus.Done)
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"is not UTF-8 text: byte 0x{bytes[offset]:X2} on line {line} is not valid UTF-8 (a binary file, or text saved in another encoding); save it as UTF-8 text.");
                return false;
            }

            if (rune.Value == 0)
            {
                problem = $"contains NUL bytes (on line {line.ToString(CultureInfo.InvariantCulture)}): it is a binary file, not text.";
                return false;
            }

            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"contains the control character U+{rune.Value:X4} on line {line}; an announcement is plain text (line breaks and tabs only).");
                return false;
            }

            line += rune.Value == '\n' ? 1 : 0;
            offset += consumed;
        }

        var decoded = Encoding.UTF8.GetString(bytes).Trim();
        if (decoded.All(c => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            problem = decoded.Length == 0 ? "is empty." : "has only invisible characters.";
            return false;
        }

        if (decoded.Length > AnnouncementText.MaxLength)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"has {decoded.Length:N0} characters; an announcement holds at most {AnnouncementText.MaxLength:N0}.");
            return false;
        }

        text = decoded;
        problem = string.Empty;
        return true;
    }

    // Bounded, so that a huge file or a device such as /dev/zero is refused as too long instead of filling memory.
    private static byte[] ReadAtMost(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[limit];
        var total = 0;
        int read;
        while (total < limit && (read = stream.Read(buffer, total, limit - total)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }
}
