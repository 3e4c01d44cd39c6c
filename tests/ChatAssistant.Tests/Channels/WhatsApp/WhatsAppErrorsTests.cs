using System.Net;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Outbox;

namespace ChatAssistant.Tests.Channels.WhatsApp;

public sealed class WhatsAppErrorsTests
{
    [Theory]
    [InlineData(429, 130429, "Throughput", SendOutcome.RateLimited)]
    [InlineData(400, 130429, "Throughput", SendOutcome.RateLimited)]
    [InlineData(429, null, "Throughput", SendOutcome.RateLimited)]
    [InlineData(400, 131056, "PairRate", SendOutcome.Transient)]
    [InlineData(400, 131047, "OutsideWindow", SendOutcome.OutsideWindow)]
    [InlineData(400, 131026, "Undeliverable", SendOutcome.Blocked)]
    [InlineData(400, 131049, "MarketingCap", SendOutcome.Rejected)]
    [InlineData(401, 190, "TokenRejected", SendOutcome.RateLimited)]
    [InlineData(400, 190, "TokenRejected", SendOutcome.RateLimited)]
    [InlineData(401, null, "TokenRejected", SendOutcome.RateLimited)]
    [InlineData(500, 2, "Passing", SendOutcome.Transient)]
    [InlineData(503, null, "Passing", SendOutcome.Transient)]
    [InlineData(400, 100, "Refused", SendOutcome.Rejected)]
    [InlineData(400, 131051, "Refused", SendOutcome.Rejected)]
    public void The_error_code_decides_before_the_http_status(int status, int? code, string failure, SendOutcome outcome)
    {
        var classified = WhatsAppErrors.Classify((HttpStatusCode)status, code);

        Assert.Equal(Enum.Parse<WhatsAppFailure>(failure), classified);
        Assert.Equal(outcome, WhatsAppErrors.Result(classified, "e", TimeSpan.FromSeconds(1)).Outcome);
    }

    [Fact]
    public void A_refused_token_pauses_sending_for_minutes_and_throughput_for_the_given_backoff()
    {
        Assert.Equal(WhatsAppErrors.TokenPause, WhatsAppErrors.Result(WhatsAppFailure.TokenRejected, "190", TimeSpan.Zero).RetryAfter);
        Assert.True(WhatsAppErrors.TokenPause >= TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(4), WhatsAppErrors.Result(WhatsAppFailure.Throughput, "130429", TimeSpan.FromSeconds(4)).RetryAfter);
    }
}
