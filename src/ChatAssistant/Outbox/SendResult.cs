namespace ChatAssistant.Outbox;

/// <summary>What a channel said about one send.</summary>
internal readonly record struct SendResult(SendOutcome Outcome, string? ChannelMessageId = null, TimeSpan RetryAfter = default, string? Error = null)
{
    public static SendResult Sent(string? channelMessageId) => new(SendOutcome.Sent, channelMessageId);
}
