using System.Globalization;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>How the fake Bot API fails a sendMessage instead of delivering it (see <see cref="FakeBotApi.SendFailures"/>).</summary>
internal sealed class FakeFailure
{
    private FakeFailure(int statusCode, string description, int? retryAfter, bool dropConnection, bool delivered, bool jsonBody)
    {
        StatusCode = statusCode;
        Description = description;
        RetryAfter = retryAfter;
        DropConnection = dropConnection;
        Delivered = delivered;
        JsonBody = jsonBody;
    }

    public int StatusCode { get; }

    public string Description { get; }

    /// <summary>Seconds in <c>parameters.retry_after</c>, for a 429.</summary>
    public int? RetryAfter { get; }

    /// <summary>Abort the connection instead of answering.</summary>
    public bool DropConnection { get; }

    /// <summary>For a dropped connection: the message reached the owner before the answer was lost.</summary>
    public bool Delivered { get; }

    /// <summary>Telegram's <c>{ok:false,...}</c> body; false for a proxy's HTML error page.</summary>
    public bool JsonBody { get; }

    /// <summary>Telegram's flood control: 429 with <c>parameters.retry_after</c>.</summary>
    public static FakeFailure TooManyRequests(int retryAfterSeconds) =>
        new(429, string.Create(CultureInfo.InvariantCulture, $"Too Many Requests: retry after {retryAfterSeconds}"), retryAfterSeconds, false, false, true);

    /// <summary>500 with Telegram's JSON error body.</summary>
    public static FakeFailure ServerError() => new(500, "Internal Server Error", null, false, false, true);

    /// <summary>502 with an HTML page, as a proxy in front of the Bot API answers: the body is not JSON.</summary>
    public static FakeFailure BadGateway() => new(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", null, false, false, false);

    /// <summary>Any status with Telegram's JSON error body.</summary>
    public static FakeFailure Error(int statusCode, string description) => new(statusCode, description, null, false, false, true);

    /// <summary>The connection is cut before the message is delivered: nothing reaches the owner.</summary>
    public static FakeFailure ConnectionDrop() => new(0, "connection dropped", null, true, false, false);

    /// <summary>The message reaches the owner, then the connection is cut before the answer: the client cannot tell it was sent.</summary>
    public static FakeFailure ConnectionDropAfterDelivery() => new(0, "connection dropped after delivery", null, true, true, false);
}
