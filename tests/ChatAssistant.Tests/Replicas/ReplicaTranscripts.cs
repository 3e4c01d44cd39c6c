using System.Globalization;
using ChatAssistant.Tests.Channels.Telegram;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// What each owner got, read from the stand-in Bot API server: replies queued while the chat's earlier ones waited
/// are merged into one message ("\n\n" between them), so an owner's transcript is the parts of their messages in the
/// order the server accepted them.
/// </summary>
internal sealed class ReplicaTranscripts
{
    private readonly Dictionary<long, List<SentMessage>> _byChat;

    public ReplicaTranscripts(IEnumerable<SentMessage> sent) =>
        _byChat = sent.GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.ToList());

    public IReadOnlyList<string> Parts(long chatId) =>
        _byChat.TryGetValue(chatId, out var messages) ? messages.SelectMany(m => m.Text.Split("\n\n")).ToList() : [];

    /// <summary>Whether every reply the owner's dialog gives has arrived.</summary>
    public bool Complete(long chatId) => ReplicaDialog.Replies(chatId).All(Parts(chatId).Contains);

    /// <summary>Messages sent to the chat again with the same text (a send repeated), counted beyond the first.</summary>
    public int Repeated(long chatId) =>
        _byChat.TryGetValue(chatId, out var messages) ? messages.Count - messages.Select(m => m.Text).Distinct(StringComparer.Ordinal).Count() : 0;

    /// <summary>
    /// Null when the owner got exactly the dialog's replies, each once and in order, else what is wrong. A message
    /// sent again with the same text (a send repeated, counted by <see cref="Repeated"/>) is read once; any other
    /// reply twice (an update handled twice) is wrong.
    /// </summary>
    public string? Problem(long chatId)
    {
        var messages = _byChat.TryGetValue(chatId, out var sent) ? sent.Select(m => m.Text).Distinct(StringComparer.Ordinal) : [];
        var parts = messages.SelectMany(text => text.Split("\n\n")).ToList();
        var expected = ReplicaDialog.Replies(chatId);
        return parts.SequenceEqual(expected, StringComparer.Ordinal)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"chat {chatId} got [{string.Join(" | ", Parts(chatId))}], expected [{string.Join(" | ", expected)}]");
    }
}
