using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>What the fake answers one request with: Telegram's <c>{ok, result}</c> or <c>{ok:false, error_code, description}</c> envelope.</summary>
internal sealed class BotApiReply
{
    private BotApiReply(int statusCode, string body, string contentType, bool dropConnection, byte[]? bytes = null)
    {
        StatusCode = statusCode;
        Body = body;
        Bytes = bytes;
        ContentType = contentType;
        DropConnection = dropConnection;
    }

    /// <summary>0 when the connection is dropped.</summary>
    public int StatusCode { get; }

    public string Body { get; }

    /// <summary>The body as bytes, when they need not be UTF-8 (updates queued raw); else <see cref="Body"/> is written.</summary>
    public byte[]? Bytes { get; }

    public string ContentType { get; }

    public bool DropConnection { get; }

    /// <summary>Cut the connection instead of answering.</summary>
    public static BotApiReply Dropped { get; } = new(0, string.Empty, string.Empty, true);

    /// <summary>The result is serialised with Telegram.Bot's own options, so the real client reads back exactly its own types.</summary>
    public static BotApiReply Ok<T>(T result) =>
        new(200, "{\"ok\":true,\"result\":" + JsonSerializer.Serialize(result, JsonBotAPI.Options) + "}", "application/json", false);

    public static BotApiReply Error(int statusCode, string description, int? retryAfter = null)
    {
        // Written by hand rather than through ApiResponse: Telegram always sends "ok":false, which WhenWritingDefault would drop.
        var body = new JsonObject { ["ok"] = false, ["error_code"] = statusCode, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        return new(statusCode, body.ToJsonString(), "application/json", false);
    }

    /// <summary>getUpdates' answer from the queued updates' own bytes, which need not be valid JSON or UTF-8.</summary>
    public static BotApiReply OkUpdates(byte[][] updates)
    {
        using var body = new MemoryStream();
        body.Write("{\"ok\":true,\"result\":["u8);
        for (var i = 0; i < updates.Length; i++)
        {
            if (i > 0)
            {
                body.WriteByte((byte)',');
            }

            body.Write(updates[i]);
        }

        body.Write("]}"u8);
        return new(200, string.Empty, "application/json", false, body.ToArray());
    }

    public static BotApiReply Raw(int statusCode, string contentType, string body) => new(statusCode, body, contentType, false);
}
