using System.Net;
using ChatAssistant.Outbox;

namespace ChatAssistant.Channels.WhatsApp;

/// <summary>What a refused send means for the outbox, from the Cloud API's <c>error.code</c> (else the HTTP status).</summary>
internal enum WhatsAppFailure
{
    /// <summary>130429 (or HTTP 429): the number's throughput is exceeded; every send pauses with backoff.</summary>
    Throughput,

    /// <summary>131056: too many messages to this owner; only this owner's messages wait, with backoff.</summary>
    PairRate,

    /// <summary>131047: more than 24 hours since the owner last wrote; a free-form message cannot go.</summary>
    OutsideWindow,

    /// <summary>131026: the message cannot be delivered to this owner (not on WhatsApp, old app, blocked).</summary>
    Undeliverable,

    /// <summary>131049: Meta's cap on marketing messages to this owner; not retried soon.</summary>
    MarketingCap,

    /// <summary>190 or HTTP 401: the access token expired or is wrong; sending pauses, nothing is dropped.</summary>
    TokenRejected,

    /// <summary>5xx, or an answer that could not be read: a passing fault.</summary>
    Passing,

    /// <summary>Any other refusal (a malformed request, an unsupported type): given up.</summary>
    Refused,
}

internal static class WhatsAppErrors
{
    /// <summary>How long sending pauses when the token is refused: an operator must act; nothing is lost while waiting.</summary>
    public static readonly TimeSpan TokenPause = TimeSpan.FromMinutes(5);

    public static WhatsAppFailure Classify(HttpStatusCode status, int? code) => code switch
    {
        130429 => WhatsAppFailure.Throughput,
        131056 => WhatsAppFailure.PairRate,
        131047 => WhatsAppFailure.OutsideWindow,
        131026 => WhatsAppFailure.Undeliverable,
        131049 => WhatsAppFailure.MarketingCap,
        190 => WhatsAppFailure.TokenRejected,
        _ when status == HttpStatusCode.Unauthorized => WhatsAppFailure.TokenRejected,
        _ when status == HttpStatusCode.TooManyRequests => WhatsAppFailure.Throughput,
        _ when (int)status >= 500 => WhatsAppFailure.Passing,
        _ => WhatsAppFailure.Refused,
    };

    /// <summary>
    /// The outbox's outcome for a failure. 131047 is OutsideWindow (the outbox holds the message until the owner
    /// writes again); 131049 is Rejected (failed, not retried; the error text starts with the code, so it can be
    /// counted), 131056 is Transient (the dispatcher reschedules that chat alone, with its backoff), a refused token is
    /// RateLimited for <see cref="TokenPause"/> (every send pauses and the message stays queued).
    /// </summary>
    public static SendResult Result(WhatsAppFailure failure, string error, TimeSpan throughputBackoff) => failure switch
    {
        WhatsAppFailure.Throughput => new SendResult(SendOutcome.RateLimited, RetryAfter: throughputBackoff, Error: error),
        WhatsAppFailure.TokenRejected => new SendResult(SendOutcome.RateLimited, RetryAfter: TokenPause, Error: error),
        WhatsAppFailure.PairRate or WhatsAppFailure.Passing => new SendResult(SendOutcome.Transient, Error: error),
        WhatsAppFailure.Undeliverable => new SendResult(SendOutcome.Blocked, Error: error),
        WhatsAppFailure.OutsideWindow => new SendResult(SendOutcome.OutsideWindow, Error: error),
        _ => new SendResult(SendOutcome.Rejected, Error: error),
    };
}
