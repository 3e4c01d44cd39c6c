using System.Globalization;
using System.Text;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// Updates as Telegram could send them and Telegram.Bot cannot read, or cannot use: each builds the raw bytes
/// of one update for its update_id. Owners are private chats (chat id = user id).
/// </summary>
internal static class MalformedUpdates
{
    /// <summary>update_id 2^40: past Telegram.Bot's 32-bit id, but otherwise a plain text message.</summary>
    public const long HugeId = 1L << 40;

    /// <summary>The kinds that cannot be used and are kept as dead letters, by name.</summary>
    public static IReadOnlyList<(string Name, Func<long, long, byte[]> Build)> Unusable { get; } =
    [
        ("lone surrogate", (id, chat) => Text(id, chat, "\"Toko \\ud800 Sari\"")),
        ("raw 0xFF bytes", (id, chat) => Text(id, chat, [.. "\"Toko "u8, 0xFF, 0xFE, .. " Sari\""u8])),
        ("wrong field type", (id, chat) => Utf8(Invariant($$$"""{"update_id":{{{id}}},"message":{"message_id":"satu","date":1767225600,"chat":{"id":{{{chat}}},"type":"private","first_name":"Owner"},"text":"halo"}}"""))),
        ("message without chat", (id, chat) => Utf8(Invariant($$$"""{"update_id":{{{id}}},"message":{"message_id":{{{id}}},"date":1767225600,"from":{"id":{{{chat}}},"is_bot":false,"first_name":"Owner"},"text":"halo"}}"""))),
        ("callback without from", (id, chat) => Utf8(Invariant($$$$"""{"update_id":{{{{id}}}},"callback_query":{"id":"cq-{{{{id}}}}","chat_instance":"ci","data":"x|y","message":{"message_id":1,"date":1767225600,"chat":{"id":{{{{chat}}}},"type":"private","first_name":"Owner"},"text":"?"}}}"""))),
        ("not an object", (_, _) => "42"u8.ToArray()),
    ];

    /// <summary>A plain text message from <paramref name="chat"/>; <paramref name="textJson"/> is the JSON of the text, quotes included.</summary>
    public static byte[] Text(long id, long chat, string textJson) => Text(id, chat, Utf8(textJson));

    /// <summary>As <see cref="Text(long, long, string)"/>, the text's JSON given as bytes (which need not be UTF-8).</summary>
    public static byte[] Text(long id, long chat, byte[] textJson) =>
    [
        .. Utf8(Invariant(
            $$"""{"update_id":{{id}},"message":{"message_id":{{id % 1_000_000}},"date":1767225600,"chat":{"id":{{chat}},"type":"private","first_name":"Owner"},"from":{"id":{{chat}},"is_bot":false,"first_name":"Owner"},"text":""")),
        .. textJson,
        .. "}}"u8,
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
