using ChatAssistant.Outbox;

namespace ChatAssistant.Reminders;

/// <summary>
/// Keeps each queued reminder's state in step with its outbox message (sent, failed, the owner blocked the
/// assistant). Reminders are not claimed before sending: like a reply, one on the wire when the worker dies goes again
/// after the restart (at most the few sends in flight twice), rather than being lost.
/// </summary>
internal sealed class ReminderOutboxObserver(ReminderStore store) : IOutboxObserver
{
    /// <summary>Reminders go at the announcements' priority without a broadcast: the one test that costs a reply nothing.</summary>
    public static bool IsReminder(OutboxMessage message) => message.Priority == OutboxPriority.Broadcast && message.BroadcastId is null;

    public bool ClaimsBeforeSending(OutboxMessage message) => false;

    public void Sent(OutboxMessage message, DateTimeOffset at) => Set(message, ReminderState.Sent, null, at);

    public void Blocked(OutboxMessage message, DateTimeOffset at) => Set(message, ReminderState.Failed, ReminderReasons.Blocked, at);

    public void Unreachable(string channel, string chatId, DateTimeOffset at) => store.FailQueuedFor(channel, chatId, ReminderReasons.Blocked, at.ToUnixTimeMilliseconds());

    public void Failed(OutboxMessage message, DateTimeOffset at) => Set(message, ReminderState.Failed, null, at);

    public void OutsideWindow(OutboxMessage message, DateTimeOffset at)
    {
        // Not claimed, so the outbox held it for the owner's next message; a reminder days late would mislead.
        if (IsReminder(message))
        {
            store.FailOutsideWindow(message.Id, at.ToUnixTimeMilliseconds());
        }
    }

    public void NotDelivered(OutboxMessage message, DateTimeOffset at)
    {
        // Never claimed: the outbox sends it again itself.
    }

    public int Uncertain(string channel, DateTimeOffset at) => 0;

    private void Set(OutboxMessage message, ReminderState state, string? reason, DateTimeOffset at)
    {
        if (IsReminder(message))
        {
            store.Outcome(message.Id, state, reason, at.ToUnixTimeMilliseconds());
        }
    }
}
