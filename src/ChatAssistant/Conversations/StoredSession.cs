using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;

namespace ChatAssistant.Conversations;

/// <summary>An owner's session as loaded from the store, with the row id and address it belongs to.</summary>
internal sealed record StoredSession(long UserId, string Channel, string ChatId, UserSession Session)
{
    /// <summary>
    /// How stale <c>users.last_seen_at</c> may be on a channel without a customer-service window (Telegram): an owner's
    /// messages less than this apart write it once. Each write dirties a page of the users table in the commit, and
    /// owners in a dialog answer every few seconds. What reads it there counts days and weeks (segments, the dashboard).
    /// On WhatsApp every message writes it, because the outbox's hold asks whether the owner wrote while a refused send
    /// was on the wire (<c>last_seen_at</c> later than the send's start), and a webhook delivered late can make a recent
    /// write stand for a message sent more than a day ago.
    /// </summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    private static readonly long PrecisionMs = (long)LastSeenPrecision.TotalMilliseconds;

    private readonly bool _exact = CustomerServiceWindow.Applies(Channel);

    /// <summary>The owner's <c>last_seen_at</c> as stored (Unix ms; 0 when unknown).</summary>
    public long LastSeenAt { get; set; }

    /// <summary>
    /// Whether a message at <paramref name="now"/> must write <c>last_seen_at</c> (then taken as written); false while the
    /// last write is within <see cref="LastSeenPrecision"/> on a channel without a window. A rollback clears the session
    /// cache, so a write that did not commit is never taken for one.
    /// </summary>
    public bool NeedsLastSeen(long now)
    {
        if (!_exact && LastSeenAt != 0 && now - LastSeenAt < PrecisionMs && now >= LastSeenAt)
        {
            return false;
        }

        LastSeenAt = now;
        return true;
    }
}
