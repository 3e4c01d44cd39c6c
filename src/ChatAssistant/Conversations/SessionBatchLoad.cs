using System.Data.Common;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Storage;

namespace ChatAssistant.Conversations;

/// <summary>
/// Reads many stored owners' sessions at once: their users rows, then the profile values, open conversations and
/// answers of all of them, a statement per table for up to <see cref="UserRows"/> or <see cref="IdRows"/> owners instead
/// of about four per owner (<see cref="SessionStore.LoadSession"/>). Where replicas share the database the writer cannot
/// keep sessions between batches, and reading each owner's with its message was most of a message's statements there.
/// It only finds: an owner not stored yet is left to <see cref="SessionStore.LoadSession"/>, which creates them. A type of
/// its own so that <see cref="SessionStore"/> keeps to one owner at a time; the rows are read by the same code
/// (<see cref="SessionStore.ReadConversation"/>, <see cref="SessionStore.ReadValue"/>), so both give the same session.
/// </summary>
internal sealed class SessionBatchLoad
{
    // Owners per statement: each users row has two parameters (channel, chat id), the other tables' one id.
    private const int UserRows = 32;
    private const int IdRows = 64;

    private readonly RowsCommand _findUsers;
    private readonly RowsCommand _loadProfiles;
    private readonly RowsCommand _loadConversations;
    private readonly RowsCommand _loadAnswers;
    private readonly Dictionary<long, StoredSession> _byUser = [];
    private readonly Dictionary<long, ConversationState> _byConversation = [];
    private readonly List<long> _ids = [];

    public SessionBatchLoad(WriteSession session)
    {
        // The owners' addresses as a values list joined to users by its unique (channel, chat_id): an index look-up each
        // on both engines, whose values lists name their columns column1, column2...
        _findUsers = new RowsCommand(
            session,
            rows => $"SELECT u.id, u.channel, u.chat_id, u.language, u.last_seen_at FROM (VALUES {RowsCommand.Rows(rows, "c", "h")}) AS v JOIN users u ON u.channel = v.column1 AND u.chat_id = v.column2",
            UserRows);

        // The row's owner (or conversation) after the columns the shared reading expects first; ordered as the
        // one-owner statements are, so that the session's dictionaries and lists come out in the same order.
        _loadProfiles = new RowsCommand(
            session,
            rows => $"SELECT {SessionStore.ValueColumns}, user_id FROM profile_values WHERE user_id IN ({RowsCommand.List(rows, "u")}) ORDER BY user_id, key",
            IdRows);
        _loadConversations = new RowsCommand(
            session,
            rows => $"SELECT {SessionStore.ConversationColumns}, user_id FROM conversations WHERE user_id IN ({RowsCommand.List(rows, "u")}) AND {SessionStore.OpenConversation} ORDER BY id",
            IdRows);
        _loadAnswers = new RowsCommand(
            session,
            rows => $"SELECT {SessionStore.ValueColumns}, conversation_id FROM answers WHERE conversation_id IN ({RowsCommand.List(rows, "c")}) ORDER BY conversation_id, key",
            IdRows);
    }

    /// <summary>
    /// Adds to <paramref name="loaded"/> the sessions of the <paramref name="owners"/> (each once) that are stored, as
    /// <see cref="SessionStore.LoadSession"/> reads them, <c>last_seen_at</c> as stored and not written.
    /// </summary>
    public void Load(List<(string Channel, string ChatId)> owners, List<StoredSession> loaded)
    {
        _byUser.Clear();
        _byConversation.Clear();
        try
        {
            for (var start = 0; start < owners.Count; start += UserRows)
            {
                var rows = Math.Min(UserRows, owners.Count - start);
                var command = _findUsers.For(rows);
                for (var row = 0; row < rows; row++)
                {
                    var (channel, chatId) = owners[start + row];
                    command.SetAt(row * 2, channel).SetAt((row * 2) + 1, chatId);
                }

                using var reader = command.Read();
                while (reader.Read())
                {
                    var stored = SessionStore.Found(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? 0 : reader.GetInt64(4));
                    _byUser.Add(stored.UserId, stored);
                    loaded.Add(stored);
                }
            }

            if (_byUser.Count == 0)
            {
                return;
            }

            _ids.Clear();
            _ids.AddRange(_byUser.Keys);
            ReadRows(_loadProfiles, reader => SessionStore.ReadValue(reader, _byUser[reader.GetInt64(SessionStore.ValueColumnCount)].Session.Profile));
            ReadRows(_loadConversations, reader =>
            {
                var conversation = SessionStore.ReadConversation(reader);
                _byUser[reader.GetInt64(SessionStore.ConversationColumnCount)].Session.Conversations.Add(conversation);
                _byConversation.Add(conversation.Id, conversation);
            });

            if (_byConversation.Count > 0)
            {
                _ids.Clear();
                _ids.AddRange(_byConversation.Keys);
                ReadRows(_loadAnswers, reader => SessionStore.ReadValue(reader, _byConversation[reader.GetInt64(SessionStore.ValueColumnCount)].Answers));
            }
        }
        finally
        {
            _byUser.Clear();
            _byConversation.Clear();
        }
    }

    /// <summary>Runs <paramref name="command"/> for the ids in hand, <see cref="IdRows"/> to a statement, each row read by <paramref name="read"/>.</summary>
    private void ReadRows(RowsCommand command, Action<DbDataReader> read)
    {
        for (var start = 0; start < _ids.Count; start += IdRows)
        {
            var rows = Math.Min(IdRows, _ids.Count - start);
            var statement = command.For(rows);
            for (var row = 0; row < rows; row++)
            {
                statement.SetAt(row, _ids[start + row]);
            }

            using var reader = statement.Read();
            while (reader.Read())
            {
                read(reader);
            }
        }
    }
}
