using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>
/// An owner's right to see and delete their data (UU PDP No. 27/2022): what /datasaya lists and what
/// /hapusdata erases, so that the bytes are really gone from the file, not just unlinked.
/// </summary>
internal sealed partial class ConversationStore
{
    private SqliteCommand? _eraseOwner;
    private SqliteCommand? _ownerConversations;
    private SqliteCommand? _registrationsTable;
    private SqliteCommand? _ownerRegistrations;
    private SqliteCommand? _eraseRegistrationIdentity;

    /// <summary>
    /// Deletes the owner's profile values, every answer of every conversation and every message sent to them
    /// (replies echo answers back: "is 3171... your NIK?"). Keeps the owner row (channel and chat id, to go on
    /// serving them) and each conversation's dialog, status and outcome without its path, for anonymous counts.
    /// </summary>
    public void EraseOwnerData(long userId)
    {
        var command = _eraseOwner ??= PrepareLate("""
            DELETE FROM profile_values WHERE user_id = $user;
            DELETE FROM answers WHERE conversation_id IN (SELECT id FROM conversations WHERE user_id = $user);
            UPDATE conversations SET history = '', mode = NULL WHERE user_id = $user;
            -- An announcement waiting in the outbox goes back to the broadcast's list, to be queued again.
            UPDATE broadcast_recipients SET status = 'waiting', outbox_id = NULL
            WHERE status = 'queued' AND (broadcast_id, user_id) IN (
                SELECT broadcast_id, user_id FROM outbox
                WHERE priority = 1 AND sent_at IS NULL AND failed_at IS NULL AND user_id = $user AND broadcast_id IS NOT NULL AND sending_since IS NULL);
            DELETE FROM outbox WHERE user_id = $user;
            """, "$user");
        command.Parameters[0].Value = userId;
        command.ExecuteNonQuery();
        _session.CountWatchedWrite(); // bound by position until it moves to its store, so counted here

        // Training registrations keep their seat (the training feature owns seats and waiting lists), but lose
        // the NIK and phone given for them.
        if (HasRegistrations())
        {
            var registrations = _eraseRegistrationIdentity ??= PrepareLate(
                "UPDATE training_registrations SET nik = NULL, phone = NULL WHERE user_id = $user", "$user");
            registrations.Parameters[0].Value = userId;
            registrations.ExecuteNonQuery();
        }

        // secure_delete (Database.Open) zeroes the freed cells in the new page images, but in WAL mode the old
        // images stay in the -wal file until it is reset. A checkpoint cannot run inside this transaction, so it
        // is flagged here and run by Commit right after this transaction is durable; a rollback drops the flag.
        _session.ScrubAfterCommit();
    }

    /// <summary>Every conversation of the owner, oldest first.</summary>
    public IReadOnlyList<OwnerConversation> OwnerConversations(long userId)
    {
        var command = _ownerConversations ??= PrepareLate(
            "SELECT id, dialog_id, status, outcome, started_at FROM conversations WHERE user_id = $user ORDER BY id", "$user");
        command.Parameters[0].Value = userId;
        var list = new List<OwnerConversation>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new OwnerConversation(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return list;
    }

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

        var command = _ownerRegistrations ??= PrepareLate("SELECT * FROM training_registrations WHERE user_id = $user", "$user");
        command.Parameters[0].Value = userId;
        var rows = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i))
                {
                    row.Add(new(reader.GetName(i), Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>True when the training feature's table (with the columns used here) exists in this file.</summary>
    private bool HasRegistrations()
    {
        var check = _registrationsTable ??= PrepareLate(
            "SELECT count(*) FROM pragma_table_info('training_registrations') WHERE name IN ('user_id', 'nik', 'phone')");
        return (long)check.ExecuteScalar()! == 3;
    }
}
