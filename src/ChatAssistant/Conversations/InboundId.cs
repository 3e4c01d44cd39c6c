namespace ChatAssistant.Conversations;

/// <summary>An inbound message's identity for dedup: the channel and the channel's own id of the message.</summary>
internal readonly record struct InboundId(string Channel, string MessageId);
