using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;

namespace ChatAssistant.Channels;

/// <summary>
/// The rest of the port for a channel that delivers its replies itself, in the same process (the terminal's
/// <c>chat</c>): it resumes the owner's conversation and takes the committed replies to print, instead of an
/// outbox dispatcher sending them.
/// </summary>
internal interface IDirectChat
{
    /// <summary>Applies a chosen language (null keeps the stored one) and gives the question under way, if any, and the language.</summary>
    Task<(OutboundMessage? Question, string Language)> ResumeAsync(string channel, string chatId, string? language, CancellationToken cancellationToken);

    /// <summary>The replies committed for the chat and not yet delivered, oldest first.</summary>
    IReadOnlyList<OutboxMessage> Pending(string channel, string chatId, int max);

    /// <summary>Marks replies delivered, so they are not shown again.</summary>
    Task MarkDeliveredAsync(IReadOnlyList<OutboxMessage> delivered, CancellationToken cancellationToken);
}
