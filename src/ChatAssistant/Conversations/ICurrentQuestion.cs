using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Conversations;

/// <summary>The question an owner's conversation waits at, shown again (e.g. when a person hands the owner back).</summary>
internal interface ICurrentQuestion
{
    /// <summary>
    /// The owner's current question with its buttons, or null with no conversation open. Only on the writer, in
    /// a work it runs (<see cref="Storage.IStoreWriter.RunAsync"/>): it reads and saves the owner's session.
    /// </summary>
    OutboundMessage? CurrentQuestion(string channel, string chatId, DateTimeOffset now);
}
