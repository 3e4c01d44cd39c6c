using System.Globalization;
using ChatAssistant.Broadcasts;
using ChatAssistant.Reminders;
using ChatAssistant.Storage;
using Dapper;

namespace ChatAssistant.Privacy;

/// <summary>
/// An owner's right to see and delete their data (UU PDP No. 27/2022): what /datasaya lists and what /hapusdata
/// erases, so that the bytes are really gone from the file, not just unlinked. Runs in the message's transaction
/// on the writer; both are rare, so the reads go through Dapper rather than being kept prepared.
/// </summary>
internal sealed class PrivacyStore(WriteSession session) : IWriteStore
{
    private PreparedCommand? _erase;

    public WriteSession Session => session;

    /// <summary>
    /// Deletes the owner's profile values, every answer of every conversation, every message sent to them and the transcripts of their handoffs
    /// (replies echo answers back: "is 3171... your NIK?"). Keeps the owner row (channel and chat id, to go on
    /// serving them) and each conversation's dialog, status and outcome without its path, for anonymous counts.
    /// </summary>
    public void EraseOwnerData(long userId)
    {
        // Prepared on the session, so that the writer learns its cached sessions lost their profile and answers.
        (_erase ??= session.Prepare(
            $"""
            DELETE FROM profile_values WHERE user_id = @user;
            DELETE FROM answers WHERE conversation_id IN (SELECT id FROM conversations WHERE user_id = @user);
            UPDATE conversations SET history = '', mode = NULL WHERE user_id = @user;
            -- An announcement waiting in the outbox goes back to the broadcast's list, to be queued again.
            UPDATE broadcast_recipients SET status = '{RecipientStatuses.Waiting}', outbox_id = NULL
            WHERE status = '{RecipientStatuses.Queued}' AND (broadcast_id, user_id) IN (
                SELECT broadcast_id, user_id FROM outbox
                WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND user_id = @user AND broadcast_id IS NOT NULL AND sending_since IS NULL);
            -- Reminders: a training reminder waiting in the outbox is scheduled again (the seat stays); the others speak of
            -- answers that are gone ("your answers are saved", "your score was"), so they are cancelled.
            UPDATE reminders SET state = '{ReminderStates.Scheduled}', outbox_id = NULL
            WHERE user_id = @user AND state = '{ReminderStates.Queued}' AND kind IN ({ReminderKinds.SqlList(ReminderTopic.Training)})
              AND outbox_id IN (SELECT id FROM outbox WHERE user_id = @user AND sent_at IS NULL AND failed_at IS NULL AND sending_since IS NULL);
            UPDATE reminders SET state = '{ReminderStates.Cancelled}', reason = '{ReminderReasons.DataDeleted}', outbox_id = NULL
            WHERE user_id = @user AND (state = '{ReminderStates.Queued}'
              OR (state = '{ReminderStates.Scheduled}' AND kind NOT IN ({ReminderKinds.SqlList(ReminderTopic.Training)})));
            DELETE FROM outbox WHERE user_id = @user;
            -- What the owner wrote to a person, and the answers (the request itself stays, for anonymous counts).
            DELETE FROM handoff_messages WHERE handoff_id IN (SELECT id FROM handoffs WHERE user_id = @user);
            """)).Set("@user", userId).Execute();

        // Training registrations keep their seat (the training feature owns seats and waiting lists), but lose
        // the NIK and phone given for them.
        if (HasRegistrations())
        {
            session.Connection.Execute(
                "UPDATE training_registrations SET nik = NULL, phone = NULL WHERE user_id = @user", new { user = userId }, session.Transaction);
        }

        // secure_delete zeroes the freed cells in the new page images, but the old images stay in the engine's log
        // until it is reset: that happens right after this transaction is durable; a rollback drops the request.
        session.ScrubAfterCommit();
    }

    /// <summary>Every conversation of the owner, oldest first.</summary>
    public IReadOnlyList<OwnerConversation> OwnerConversations(long userId) =>
        session.Connection.Query<(long Id, string DialogId, long Status, string? Outcome, long StartedAt)>(
                "SELECT id, dialog_id, status, outcome, started_at FROM conversations WHERE user_id = @user ORDER BY id",
                new { user = userId },
                session.Transaction)
            .Select(c => new OwnerConversation(c.Id, c.DialogId, (int)c.Status, c.Outcome, DateTimeOffset.FromUnixTimeMilliseconds(c.StartedAt)))
            .ToList();

    /// <summary>
    /// The owner's rows of the training feature's <c>training_registrations</c> table, column by column, or
    /// none when there is no such table: that feature's schema is its own, so it is read generically.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> OwnerRegistrations(long userId)
    {
        if (!HasRegistrations())
        {
            return [];
        }

        var rows = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        using var reader = session.Connection.ExecuteReader(
            "SELECT * FROM training_registrations WHERE user_id = @user", new { user = userId }, session.Transaction);
        while (reader.Read())
        {
            var row = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i))
                {
                    row.Add(new(reader.GetName(i), Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty));
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>True when the training feature's table (with the columns used here) exists in this database.</summary>
    private bool HasRegistrations() =>
        session.Connection.ExecuteScalar<long>(
            $"SELECT count(*) FROM ({session.Dialect.ColumnNames("training_registrations")}) c WHERE c.name IN ('user_id', 'nik', 'phone')",
            transaction: session.Transaction) == 3;
}
