using System.Globalization;
using System.Text;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// Applies a parse_mode the way Telegram does and refuses what Telegram refuses ("can't parse entities"), so a
/// channel that forgets to escape an owner's <c>_</c>, <c>*</c>, <c>[</c> or <c>&lt;</c> fails here as it would live.
/// Follows the Bot API's "Formatting options"; where Telegram is lenient in practice (a bare <c>&gt;</c> or an
/// unknown <c>&amp;</c> in HTML) so is this.
/// </summary>
internal static class TelegramMarkup
{
    private const string MarkdownV2Reserved = "_*[]()~`>#+-=|{}.!";

    private static readonly HashSet<string> HtmlTags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"];

    /// <summary>The visible text, or null and Telegram's error description when the markup does not parse.</summary>
    public static (string? Visible, string? Error) Render(string text, string? parseMode) => parseMode?.ToUpperInvariant() switch
    {
        null or "" => (text, null),
        "HTML" => RenderHtml(text),
        "MARKDOWNV2" => RenderMarkdownV2(text),
        "MARKDOWN" => RenderMarkdown(text),
        _ => (null, "Bad Request: unsupported parse_mode"),
    };

    private static (string? Visible, string? Error) RenderHtml(string text)
    {
        var visible = new StringBuilder(text.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<')
            {
                var end = text.IndexOf('>', i + 1);
                if (end < 0)
                {
                    return Fail($"Can't find end of the tag starting at byte offset {ByteOffset(text, i)}");
                }

                var tag = text[(i + 1)..end].Trim();
                var closing = tag.StartsWith('/');
                var name = (closing ? tag[1..] : tag).Split([' ', '\t', '\n', '='], 2)[0].ToLowerInvariant();
                if (closing)
                {
                    if (open.Count == 0 || open.Peek() != name)
                    {
                        var expected = open.Count == 0 ? string.Empty : open.Peek();
                        return Fail($"Unmatched end tag at byte offset {ByteOffset(text, i)}, expected \"</{expected}>\", found \"</{name}>\"");
                    }

                    open.Pop();
                }
                else if (HtmlTags.Contains(name))
                {
                    open.Push(name);
                }
                else
                {
                    return Fail($"Unsupported start tag \"{name}\" at byte offset {ByteOffset(text, i)}");
                }

                i = end + 1;
                continue;
            }

            if (c == '&')
            {
                var semicolon = text.IndexOf(';', i + 1);
                if (semicolon > i && semicolon - i <= 10 && DecodeEntity(text[(i + 1)..semicolon]) is { } decoded)
                {
                    visible.Append(decoded);
                    i = semicolon + 1;
                    continue;
                }
            }

            visible.Append(c);
            i++;
        }

        return open.Count > 0
            ? Fail($"Can't find end tag corresponding to start tag \"{open.Peek()}\"")
            : (visible.ToString(), null);
    }

    private static string? DecodeEntity(string entity) => entity switch
    {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        ['#', 'x' or 'X', .. var hex] when int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) => CodePoint(code),
        ['#', .. var digits] when int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => CodePoint(code),
        _ => null,
    };

    private static string? CodePoint(int code) => code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(code) : null;

    private static (string? Visible, string? Error) RenderMarkdownV2(string text)
    {
        var visible = new StringBuilder(text.Length);
        var open = new List<(string Marker, int Index)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= text.Length)
                    {
                        return Reserved(c);
                    }

                    visible.Append(text[i + 1]);
                    i += 2;
                    continue;

                case '`':
                    var pre = text.AsSpan(i).StartsWith("```", StringComparison.Ordinal);
                    var fence = pre ? "```" : "`";
                    var close = FindUnescaped(text, fence, i + fence.Length);
                    if (close < 0)
                    {
                        return Fail($"Can't find end of {(pre ? "Pre" : "Code")} entity at byte offset {ByteOffset(text, i)}");
                    }

                    var code = Unescape(text[(i + fence.Length)..close]);
                    visible.Append(pre ? WithoutLanguageLine(code) : code);
                    i = close + fence.Length;
                    continue;

                case '[':
                    open.Add(("[", i));
                    i++;
                    continue;

                case ']':
                    if (open.Count == 0 || open[^1].Marker != "[")
                    {
                        return Reserved(c);
                    }

                    open.RemoveAt(open.Count - 1);
                    i++;
                    if (i < text.Length && text[i] == '(')
                    {
                        var urlEnd = FindUnescaped(text, ")", i + 1);
                        if (urlEnd < 0)
                        {
                            return Fail($"Can't find end of a URL at byte offset {ByteOffset(text, i)}");
                        }

                        i = urlEnd + 1;
                    }

                    continue;

                case '>' when i == 0 || text[i - 1] == '\n':
                    // A block quotation: the marker is not shown.
                    i++;
                    continue;

                case '*' or '~':
                    if (Toggle(open, c.ToString(), i) is { } crossedStar)
                    {
                        return CantFindEnd(text, crossedStar);
                    }

                    i++;
                    continue;

                case '_':
                    var underline = i + 1 < text.Length && text[i + 1] == '_';
                    if (Toggle(open, underline ? "__" : "_", i) is { } crossedUnderscore)
                    {
                        return CantFindEnd(text, crossedUnderscore);
                    }

                    i += underline ? 2 : 1;
                    continue;

                case '|' when i + 1 < text.Length && text[i + 1] == '|':
                    if (Toggle(open, "||", i) is { } crossedSpoiler)
                    {
                        return CantFindEnd(text, crossedSpoiler);
                    }

                    i += 2;
                    continue;
            }

            if (MarkdownV2Reserved.Contains(c, StringComparison.Ordinal))
            {
                return Reserved(c);
            }

            visible.Append(c);
            i++;
        }

        return open.Count > 0 ? CantFindEnd(text, open[^1]) : (visible.ToString(), null);
    }

    /// <summary>Opens or closes an entity; returns the entity left open when they cross (<c>*a _b* c_</c>).</summary>
    private static (string Marker, int Index)? Toggle(List<(string Marker, int Index)> open, string marker, int index)
    {
        if (open.Count > 0 && open[^1].Marker == marker)
        {
            open.RemoveAt(open.Count - 1);
            return null;
        }

        if (open.FindIndex(entity => entity.Marker == marker) >= 0)
        {
            return open[^1];
        }

        open.Add((marker, index));
        return null;
    }

    private static (string? Visible, string? Error) CantFindEnd(string text, (string Marker, int Index) entity)
    {
        var name = entity.Marker switch
        {
            "*" => "Bold",
            "_" => "Italic",
            "__" => "Underline",
            "~" => "Strikethrough",
            "||" => "Spoiler",
            _ => "TextUrl",
        };
        return Fail($"Can't find end of {name} entity at byte offset {ByteOffset(text, entity.Index)}");
    }

    private static (string? Visible, string? Error) Reserved(char c) =>
        Fail($"Character '{c}' is reserved and must be escaped with the preceding '\\'");

    private static (string? Visible, string? Error) RenderMarkdown(string text)
    {
        // Legacy Markdown: no nesting, and only _ * ` [ can be escaped, outside entities.
        var visible = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && "_*`[".Contains(text[i + 1], StringComparison.Ordinal))
            {
                visible.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (c is '*' or '_' or '`')
            {
                var fence = c == '`' && text.AsSpan(i).StartsWith("```", StringComparison.Ordinal) ? "```" : c.ToString();
                var close = text.IndexOf(fence, i + fence.Length, StringComparison.Ordinal);
                if (close < 0)
                {
                    return Fail($"Can't find end of the entity starting at byte offset {ByteOffset(text, i)}");
                }

                var inner = text[(i + fence.Length)..close];
                visible.Append(fence == "```" ? WithoutLanguageLine(inner) : inner);
                i = close + fence.Length;
                continue;
            }

            if (c == '[')
            {
                var labelEnd = text.IndexOf(']', i + 1);
                if (labelEnd < 0)
                {
                    return Fail($"Can't find end of the entity starting at byte offset {ByteOffset(text, i)}");
                }

                visible.Append(text, i + 1, labelEnd - i - 1);
                i = labelEnd + 1;
                if (i < text.Length && text[i] == '(')
                {
                    var urlEnd = text.IndexOf(')', i + 1);
                    if (urlEnd < 0)
                    {
                        return Fail($"Can't find end of the entity starting at byte offset {ByteOffset(text, i)}");
                    }

                    i = urlEnd + 1;
                }

                continue;
            }

            visible.Append(c);
            i++;
        }

        return (visible.ToString(), null);
    }

    private static int FindUnescaped(string text, string fence, int from)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '\\')
            {
                j++;
            }
            else if (text.AsSpan(j).StartsWith(fence, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }

    private static string Unescape(string text)
    {
        var plain = new StringBuilder(text.Length);
        for (var j = 0; j < text.Length; j++)
        {
            if (text[j] == '\\' && j + 1 < text.Length)
            {
                j++;
            }

            plain.Append(text[j]);
        }

        return plain.ToString();
    }

    /// <summary>A pre block may start with a language name on its own line, which is not shown.</summary>
    private static string WithoutLanguageLine(string code)
    {
        var newline = code.IndexOf('\n', StringComparison.Ordinal);
        return newline > 0 && !code[..newline].Contains(' ', StringComparison.Ordinal) ? code[(newline + 1)..] : code;
    }

    /// <summary>Telegram reports positions as UTF-8 byte offsets.</summary>
    private static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));

    private static (string? Visible, string? Error) Fail(FormattableString reason) =>
        (null, "Bad Request: can't parse entities: " + reason.ToString(CultureInfo.InvariantCulture));
}
