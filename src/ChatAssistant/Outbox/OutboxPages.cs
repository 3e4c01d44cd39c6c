using ChatAssistant.Storage;

namespace ChatAssistant.Outbox;

/// <summary>
/// Another page of a question already sent: a channel that shows a long list of options a page at a time (WhatsApp:
/// 9 rows and "Lainnya") asks for page N when the owner taps "Lainnya", and the question is queued again, the same
/// text and buttons (so a tap on any page answers as a tap on the first would) with <c>outbox.page</c> set.
/// </summary>
internal sealed class OutboxPages : IWriteStore
{
    private readonly PreparedCommand _repeat;

    public OutboxPages(WriteSession session)
    {
        Session = session;

        // The message the tap replied to (by the id the channel gave it, and only the same chat's), else the chat's
        // latest reply with buttons: read from the newest row back, so it stops at the owner's recent question. The
        // owner wrote, so their last message time (the channel's reply window) moves too.
        _repeat = session.Prepare($"""
            INSERT INTO outbox (user_id, channel, chat_id, priority, text, buttons, created_at, page)
            SELECT user_id, channel, chat_id, {(int)OutboxPriority.Interactive}, text, buttons, @now, @page FROM outbox
            WHERE id = coalesce(
                (SELECT max(id) FROM outbox WHERE channel = @channel AND sent_message_id = @replied AND chat_id = @chat AND buttons IS NOT NULL),
                (SELECT id FROM outbox WHERE channel = @channel AND chat_id = @chat AND buttons IS NOT NULL AND priority = {(int)OutboxPriority.Interactive} ORDER BY id DESC LIMIT 1))
            {session.Dialect.Returning("user_id")};
            """);
    }

    public WriteSession Session { get; }

    /// <summary>
    /// Queues page <paramref name="page"/> of the question the owner tapped "more" under; the owner's id, or null when
    /// the chat has no question with buttons (nothing is queued).
    /// </summary>
    public long? Repeat(string channel, string chatId, string? repliedTo, int page, long now) =>
        _repeat.Set("@channel", channel).Set("@chat", chatId).Set("@replied", repliedTo).Set("@page", page).Set("@now", now).Scalar() is { } user
            ? Convert.ToInt64(user, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
