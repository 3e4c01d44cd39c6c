namespace ChatAssistant.Channels;

/// <summary>A channel's read position, saved in the same transaction as the message it follows.</summary>
internal sealed record ChannelPosition(string Key, string Value);
