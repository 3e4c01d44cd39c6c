using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatAssistant.Channels.Telegram;

/// <summary>
/// Reads Telegram's JSON one update at a time, so that one update the client cannot read (invalid UTF-8, a lone
/// surrogate, a field of the wrong type) is set aside on its own instead of failing its whole batch, forever.
/// Update ids are read as 64-bit numbers: Telegram.Bot's <see cref="Update.Id"/> is 32-bit.
/// </summary>
internal static class TelegramUpdateReader
{
    /// <summary>The most of one bad update kept in the dead-letter table.</summary>
    public const int MaxKeptBytes = 64 * 1024;

    private static ReadOnlySpan<byte> UpdateIdKey => "\"update_id\""u8;

    private static ReadOnlySpan<byte> ResultKey => "result"u8;

    /// <summary>
    /// The updates of a getUpdates answer, each read on its own. When the whole answer parses, each element of
    /// <c>result</c> is taken from it; when it does not (a byte that is not UTF-8 somewhere), the elements are cut
    /// out of the raw bytes. Null when there is no <c>result</c> array to be found: nothing can be skipped then.
    /// </summary>
    /// <param name="offset">The offset the batch was asked for: an update without a readable id is taken to be the next one.</param>
    public static List<RawUpdate>? ReadBatch(ReadOnlyMemory<byte> body, long offset)
    {
        var elements = new List<ReadOnlyMemory<byte>>();
        if (!TrySplitResult(body, elements))
        {
            return null;
        }

        var updates = new List<RawUpdate>(elements.Count);
        var previous = offset - 1;
        foreach (var element in elements)
        {
            var update = Read(element, previous + 1);
            updates.Add(update);
            previous = Math.Max(previous, update.Id);
        }

        return updates;
    }

    /// <summary>
    /// One update: its id (or <paramref name="assumedId"/> when unreadable), the typed update, or why there is none.
    /// </summary>
    public static RawUpdate Read(ReadOnlyMemory<byte> json, long assumedId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return RawUpdate.Bad(ScanUpdateId(json.Span) ?? assumedId, json, "not valid JSON: " + ex.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return RawUpdate.Bad(assumedId, json, "not a JSON object");
            }

            if (!document.RootElement.TryGetProperty("update_id", out var idElement)
                || idElement.ValueKind != JsonValueKind.Number
                || !idElement.TryGetInt64(out var id)
                || id < 0)
            {
                return RawUpdate.Bad(assumedId, json, "update_id missing or not a whole number");
            }

            try
            {
                return new RawUpdate(id, ToUpdate(document.RootElement, id), json, null);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
            {
                return RawUpdate.Bad(id, json, "not a Telegram update: " + ex.Message);
            }
        }
    }

    /// <summary>Whether <paramref name="body"/> looks like one JSON object (balanced braces outside strings), however broken inside.</summary>
    public static bool LooksLikeObject(ReadOnlySpan<byte> body)
    {
        var trimmed = body.Trim(" \t\r\n"u8);
        if (trimmed.Length < 2 || trimmed[0] != (byte)'{')
        {
            return false;
        }

        var end = EndOfValue(trimmed, 0);
        return end == trimmed.Length;
    }

    private static Update ToUpdate(JsonElement root, long id)
    {
        if (id <= int.MaxValue)
        {
            return root.Deserialize<Update>(JsonBotAPI.Options) ?? throw new JsonException("null update");
        }

        // Telegram.Bot keeps the id in an int; the id is carried beside the update instead.
        var node = JsonNode.Parse(root.GetRawText())!.AsObject();
        node.Remove("update_id");
        return node.Deserialize<Update>(JsonBotAPI.Options) ?? throw new JsonException("null update");
    }

    /// <summary>
    /// Cuts the elements of the top-level <c>result</c> array out of the bytes, tracking strings and nesting only:
    /// every structural character is ASCII, so bytes that are not UTF-8 inside strings do not get in the way.
    /// </summary>
    private static bool TrySplitResult(ReadOnlyMemory<byte> body, List<ReadOnlyMemory<byte>> elements)
    {
        var bytes = body.Span;
        var i = SkipSpace(bytes, 0);
        if (i >= bytes.Length || bytes[i] != (byte)'{')
        {
            return false;
        }

        i++;
        while (true)
        {
            i = SkipSpace(bytes, i);
            if (i >= bytes.Length || bytes[i] != (byte)'"')
            {
                return false;
            }

            var keyEnd = EndOfString(bytes, i);
            if (keyEnd < 0)
            {
                return false;
            }

            var key = bytes[(i + 1)..(keyEnd - 1)];
            i = SkipSpace(bytes, keyEnd);
            if (i >= bytes.Length || bytes[i] != (byte)':')
            {
                return false;
            }

            i = SkipSpace(bytes, i + 1);
            if (key.SequenceEqual(ResultKey) && i < bytes.Length && bytes[i] == (byte)'[')
            {
                return SplitArray(body, i, elements);
            }

            i = EndOfValue(bytes, i);
            if (i < 0)
            {
                return false;
            }

            i = SkipSpace(bytes, i);
            if (i >= bytes.Length || bytes[i] != (byte)',')
            {
                return false;
            }

            i++;
        }
    }

    private static bool SplitArray(ReadOnlyMemory<byte> body, int start, List<ReadOnlyMemory<byte>> elements)
    {
        var bytes = body.Span;
        var i = SkipSpace(bytes, start + 1);
        if (i < bytes.Length && bytes[i] == (byte)']')
        {
            return true;
        }

        while (i < bytes.Length)
        {
            var end = EndOfValue(bytes, i);
            if (end < 0)
            {
                return false;
            }

            elements.Add(body[i..end]);
            i = SkipSpace(bytes, end);
            if (i < bytes.Length && bytes[i] == (byte)']')
            {
                return true;
            }

            if (i >= bytes.Length || bytes[i] != (byte)',')
            {
                return false;
            }

            i = SkipSpace(bytes, i + 1);
        }

        return false;
    }

    /// <summary>The index just after the value starting at <paramref name="i"/>, or -1 when it does not end.</summary>
    private static int EndOfValue(ReadOnlySpan<byte> bytes, int i)
    {
        if (i >= bytes.Length)
        {
            return -1;
        }

        if (bytes[i] == (byte)'"')
        {
            return EndOfString(bytes, i);
        }

        if (bytes[i] is not ((byte)'{' or (byte)'['))
        {
            // A number, true, false or null: up to the next delimiter.
            var end = i;
            while (end < bytes.Length && bytes[end] is not ((byte)',' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                end++;
            }

            return end == i ? -1 : end;
        }

        var depth = 0;
        for (; i < bytes.Length; i++)
        {
            switch (bytes[i])
            {
                case (byte)'"':
                    i = EndOfString(bytes, i);
                    if (i < 0)
                    {
                        return -1;
                    }

                    i--;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>The index just after the string whose opening quote is at <paramref name="i"/>, or -1.</summary>
    private static int EndOfString(ReadOnlySpan<byte> bytes, int i)
    {
        for (i++; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\\')
            {
                i++;
            }
            else if (bytes[i] == (byte)'"')
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static int SkipSpace(ReadOnlySpan<byte> bytes, int i)
    {
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>The first <c>"update_id": N</c> in bytes that do not parse, so a broken update is still acknowledged by its own id.</summary>
    private static long? ScanUpdateId(ReadOnlySpan<byte> bytes)
    {
        var at = bytes.IndexOf(UpdateIdKey);
        if (at < 0)
        {
            return null;
        }

        var rest = bytes[(at + UpdateIdKey.Length)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)':')
        {
            return null;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        return Utf8Parser.TryParse(rest, out long id, out var consumed) && consumed > 0 && id >= 0 ? id : null;
    }
}

/// <summary>One update as received: its id, the typed update when it could be read, else why not.</summary>
internal sealed record RawUpdate(long Id, Update? Update, ReadOnlyMemory<byte> Json, string? Problem)
{
    public static RawUpdate Bad(long id, ReadOnlyMemory<byte> json, string problem) => new(id, null, json, problem);
}
