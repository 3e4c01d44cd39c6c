using System.Globalization;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>How the stand-in Cloud API refuses a send instead of accepting it (see <see cref="FakeCloudApi.FailNext"/>).</summary>
internal sealed record CloudFailure(int StatusCode, int? Code, string Message, string? Details = null, bool DropConnection = false, int? RetryAfterSeconds = null)
{
    /// <summary>The number's throughput exceeded (CHANNELS.md: HTTP 429, code 130429).</summary>
    public static CloudFailure Throughput(int? retryAfterSeconds = null) =>
        new(429, 130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached.", RetryAfterSeconds: retryAfterSeconds);

    /// <summary>Too many messages to one owner in a short time.</summary>
    public static CloudFailure PairRate() =>
        new(400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit", "Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.");

    /// <summary>More than 24 hours since the owner last wrote.</summary>
    public static CloudFailure OutsideWindow() =>
        new(400, 131047, "(#131047) Re-engagement message", "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    /// <summary>The message cannot be delivered to this owner.</summary>
    public static CloudFailure Undeliverable() => new(400, 131026, "(#131026) Message Undeliverable", "Unable to deliver message.");

    /// <summary>Meta's marketing frequency cap.</summary>
    public static CloudFailure MarketingCap() =>
        new(400, 131049, "(#131049) This message was not delivered to maintain healthy ecosystem engagement.", "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.");

    /// <summary>An expired token: HTTP 401, code 190.</summary>
    public static CloudFailure TokenExpired() => new(401, 190, "Error validating access token: Session has expired.");

    /// <summary>A server fault with the Graph API's error body.</summary>
    public static CloudFailure ServerError(int status = 500) => new(status, 2, "An unexpected error has occurred. Please retry your request later.");

    /// <summary>The connection closes before any answer.</summary>
    public static CloudFailure Dropped() => new(0, null, "connection dropped", DropConnection: true);

    public override string ToString() => Code is { } code ? code.ToString(CultureInfo.InvariantCulture) : Message;
}
