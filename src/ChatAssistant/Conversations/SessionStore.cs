using System.Data.Common;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;

namespace ChatAssistant.Conversations;

/// <summary>
/// Owners and their sessions: the inbox of handled message ids, owners (users), profile values, conversations and
/// answers. On the message path, so every statement is prepared once. The writer keeps loaded sessions between
/// messages; this store makes the session count every write to these tables, by any store, so that the writer
/// knows when what it keeps may be stale.
/// </summary>
internal sealed class SessionStore : IWriteStore
{
    private readonly PreparedCommand _insertInbox;
    private readonly PreparedCommand _findUser;
    private readonly PreparedCommand _insertUser;
    private readonly PreparedCommand _touchUser;
    private readonly PreparedCommand _updateLanguage;
    private readonly PreparedCommand _loadProfile;
    private readonly PreparedCommand _upsertProfile;
    private readonly PreparedCommand _loadConversations;
    private readonly PreparedCommand _loadAnswers;
    private readonly PreparedCommand _insertConversation;
    private readonly PreparedCommand _updateConversation;
    private readonly PreparedCommand _clearAnswers;
    private readonly PreparedCommand _deleteAnswer;
    private readonly PreparedCommand _upsertAnswer;
    private readonly PreparedCommand _setAside;
    private readonly RowsCommand _insertInboxRows;
    private readonly RowsCommand _touchUsers;
    private readonly RowsCommand _updateConversations;
    private readonly RowsCommand _updateConversationSteps;
    private readonly RowsCommand _upsertAnswers;
    private readonly SessionBatchLoad _batchLoad;

    // Written later (SaveLater): conversations and answer keys the batch changed, each once, with the owners they belong
    // to; what is written is their state when written, so a later message of the batch only changes what goes.
    private readonly List<ConversationState> _laterConversations = [];
    private readonly List<ConversationState> _laterSteps = [];
    private readonly List<ConversationState> _laterStatuses = [];
    private readonly HashSet<ConversationState> _laterConversationSet = new(ReferenceEqualityComparer.Instance);
    private readonly List<(ConversationState Conversation, string Key)> _laterAnswers = [];
    private readonly HashSet<(ConversationState Conversation, string Key)> _laterAnswerSet = new(LaterAnswerComparer.Instance);
    private readonly HashSet<(string Channel, string ChatId)> _laterOwners = [];
    private readonly List<(long ConversationId, string Key, string Value)> _answerRows = [];

    // Rows per statement of a batch's writes. Microsoft.Data.Sqlite binds every parameter by name, and SQLite finds a name
    // by walking the statement's list of names, so a row costs more the more parameters its statement has: the best
    // size falls as a row's parameters grow (measured with load --breakdown: 64 conversation rows of 10 parameters each
    // cost more than 64 single-row updates).
    private const int InboxRows = 16;
    private const int TouchRows = 64;
    private const int ConversationRows = 8;
    private const int AnswerRows = 16;

    public SessionStore(WriteSession session)
    {
        Session = session;
        Locks = new OwnerLocks(session);
        var sql = session.Dialect;

        // What a loaded session is read from (besides dialog versions, which never change once kept).
        session.Watch("users", "profile_values", "conversations", "answers");

        _insertInbox = session.Prepare($"INSERT INTO inbox (channel, message_id, received_at) VALUES (@channel, @id, @now) {sql.InsertIgnore}");
        // On PostgreSQL, a batch's ids in one statement per InboxRows: the ids it returns are the new ones; the others were
        // handled before (SQLite inserts them one by one: RecordInbound).
        _insertInboxRows = new RowsCommand(
            session,
            rows => $"INSERT INTO inbox (channel, message_id, received_at) VALUES {RowsCommand.Rows(rows, "c", "m", "t")} {sql.InsertIgnore} {sql.Returning("channel, message_id")}",
            InboxRows);
        _touchUsers = new RowsCommand(session, rows => $"UPDATE users SET last_seen_at = @now WHERE id IN ({RowsCommand.List(rows, "u")})", TouchRows);
        // Several conversations' new state in one statement: an update (never an insert, so a conversation deleted
        // meanwhile stays deleted), from a values list whose columns SQLite and PostgreSQL both call column1...
        _updateConversations = new RowsCommand(session, rows => UpdateConversationsSql(rows, withStatus: true), ConversationRows);
        // The same for conversations whose status and outcome stay as stored (an owner's answer moving them a step on,
        // nearly every message): without those two columns in the SET list SQLite leaves the indexes over them
        // (conversations_dialog, conversations_open) alone; with them it rewrites the rows' entries even when unchanged.
        _updateConversationSteps = new RowsCommand(session, rows => UpdateConversationsSql(rows, withStatus: false), ConversationRows);
        _upsertAnswers = new RowsCommand(
            session,
            rows => $"INSERT INTO answers (conversation_id, key, value, updated_at) VALUES {RowsCommand.Rows(rows, "c", "k", "v", "t")} {sql.Upsert("conversation_id, key", "value", "updated_at")}",
            AnswerRows);
        _batchLoad = new SessionBatchLoad(session);
        _findUser = session.Prepare("SELECT id, language, last_seen_at FROM users WHERE channel = @channel AND chat_id = @chat");
        _insertUser = session.Prepare(
            $"INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES (@channel, @chat, @language, @now, @now) {sql.ReturningId}");
        _touchUser = session.Prepare("UPDATE users SET last_seen_at = @now WHERE id = @user");
        _updateLanguage = session.Prepare("UPDATE users SET language = @language WHERE id = @user");
        _loadProfile = session.Prepare($"SELECT {ValueColumns} FROM profile_values WHERE user_id = @user ORDER BY key");
        _upsertProfile = session.Prepare(
            $"INSERT INTO profile_values (user_id, key, value, updated_at) VALUES (@user, @key, @value, @now) {sql.Upsert("user_id, key", "value", "updated_at")}");
        _loadConversations = session.Prepare($"SELECT {ConversationColumns} FROM conversations WHERE user_id = @user AND {OpenConversation} ORDER BY id");
        _loadAnswers = session.Prepare($"SELECT {ValueColumns} FROM answers WHERE conversation_id = @conversation ORDER BY key");
        _insertConversation = session.Prepare(
            $"INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at, mode, dialog_hash, render) VALUES (@user, @dialog, @version, @step, @status, @outcome, @history, @started, @updated, @mode, @hash, @render) {sql.ReturningId}");
        _updateConversation = session.Prepare(
            "UPDATE conversations SET dialog_version = @version, step_id = @step, status = @status, outcome = @outcome, history = @history, updated_at = @updated, mode = @mode, dialog_hash = @hash, render = @render WHERE id = @id");
        _clearAnswers = session.Prepare("DELETE FROM answers WHERE conversation_id = @conversation");
        _deleteAnswer = session.Prepare("DELETE FROM answers WHERE conversation_id = @conversation AND key = @key");
        _setAside = session.Prepare("INSERT INTO dead_letters (channel, update_id, reason, raw, received_at) VALUES (@channel, @update, @reason, @raw, @now)");
        _upsertAnswer = session.Prepare(
            $"INSERT INTO answers (conversation_id, key, value, updated_at) VALUES (@conversation, @key, @value, @now) {sql.Upsert("conversation_id, key", "value", "updated_at")}");
    }

    public WriteSession Session { get; }

    /// <summary>
    /// Owners' locks (where several writers share the database): taken before an owner's session is read, so that it is
    /// read and written by one writer at a time, as last committed.
    /// </summary>
    public OwnerLocks Locks { get; }

    /// <summary>Records an inbound message id; false when it was already handled (a redelivery).</summary>
    public bool TryRecordInbound(string channel, string messageId, long now) =>
        _insertInbox.Set("@channel", channel).Set("@id", messageId).Set("@now", now).Execute() == 1;

    /// <summary>
    /// Records a batch's inbound message ids, several to a statement; adds to <paramref name="recorded"/> those that were
    /// not handled before (a redelivery's id is left out, and so is an id met twice in <paramref name="ids"/> after the first).
    /// </summary>
    public void RecordInbound(List<InboundId> ids, long now, HashSet<InboundId> recorded)
    {
        if (!Session.Dialect.StatementsAreRoundTrips)
        {
            // SQLite: an insert per id, its change count telling a new id from one seen before, runs in about half the
            // time of the multi-row insert whose returned rows are read through the provider, and allocates nothing.
            foreach (var id in ids)
            {
                if (TryRecordInbound(id.Channel, id.MessageId, now))
                {
                    recorded.Add(id);
                }
            }

            return;
        }

        for (var start = 0; start < ids.Count; start += InboxRows)
        {
            var rows = Math.Min(InboxRows, ids.Count - start);
            var command = _insertInboxRows.For(rows);
            for (var row = 0; row < rows; row++)
            {
                var id = ids[start + row];
                command.SetAt(row * 3, id.Channel).SetAt((row * 3) + 1, id.MessageId).SetAt((row * 3) + 2, now);
            }

            using var reader = command.Read();
            while (reader.Read())
            {
                recorded.Add(new InboundId(reader.GetString(0), reader.GetString(1)));
            }
        }
    }

    /// <summary>Records that these owners were seen (sessions taken from the cache), several to a statement.</summary>
    public void TouchUsers(List<long> userIds, long now)
    {
        for (var start = 0; start < userIds.Count; start += TouchRows)
        {
            var rows = Math.Min(TouchRows, userIds.Count - start);
            var command = _touchUsers.For(rows).SetAt(0, now);
            for (var row = 0; row < rows; row++)
            {
                command.SetAt(row + 1, userIds[start + row]);
            }

            command.Execute();
        }
    }

    /// <summary>
    /// Keeps an update the channel sent that could not be read (the raw bytes and why), for operators
    /// (<c>deadletters list</c>), instead of stopping the channel on it.
    /// </summary>
    public void SetAside(string channel, string? updateId, string reason, ReadOnlySpan<byte> raw, long now) =>
        _setAside.Set("@channel", channel).Set("@update", updateId).Set("@reason", reason).Set("@raw", raw.ToArray()).Set("@now", now).Execute();

    /// <summary>The owner's row id and language, creating the owner on first contact.</summary>
    public (long UserId, string Language, bool Created) FindOrCreateUser(string channel, string chatId, string? languageHint, long now)
    {
        var (userId, language, created, _) = FindOrCreate(channel, chatId, languageHint, now);
        return (userId, language, created);
    }

    private (long UserId, string Language, bool Created, long LastSeen) FindOrCreate(string channel, string chatId, string? languageHint, long now)
    {
        using (var reader = _findUser.Set("@channel", channel).Set("@chat", chatId).Read())
        {
            if (reader.Read())
            {
                return (reader.GetInt64(0), reader.GetString(1), false, reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
            }
        }

        var language = Languages.Normalize(languageHint) ?? Languages.Indonesian;
        var id = _insertUser.Set("@channel", channel).Set("@chat", chatId).Set("@language", language).Set("@now", now).Insert()!.Value;
        return (id, language, true, now);
    }

    /// <summary>Loads (or creates) the owner and their open conversations with every answer.</summary>
    public StoredSession LoadSession(string channel, string chatId, string? languageHint, long now)
    {
        var (userId, language, created, lastSeen) = FindOrCreate(channel, chatId, languageHint, now);
        if (created)
        {
            return new StoredSession(userId, channel, chatId, new UserSession(language) { OwnerId = userId }) { LastSeenAt = now };
        }

        var stored = Found(userId, channel, chatId, language, lastSeen);
        if (stored.NeedsLastSeen(now))
        {
            TouchUser(userId, now);
        }

        var session = stored.Session;
        using (var reader = _loadProfile.Set("@user", userId).Read())
        {
            while (reader.Read())
            {
                ReadValue(reader, session.Profile);
            }
        }

        using (var reader = _loadConversations.Set("@user", userId).Read())
        {
            while (reader.Read())
            {
                session.Conversations.Add(ReadConversation(reader));
            }
        }

        foreach (var conversation in session.Conversations)
        {
            using var reader = _loadAnswers.Set("@conversation", conversation.Id).Read();
            while (reader.Read())
            {
                ReadValue(reader, conversation.Answers);
            }
        }

        return stored;
    }

    // How a session is read, one owner at a time (LoadSession) or a batch's owners at once (SessionBatchLoad): the
    // same columns first and the same reading, so that both give the same session.
    internal const string ValueColumns = "key, value";
    internal const string ConversationColumns = "id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at, mode, dialog_hash, render";
    internal static readonly string OpenConversation = $"status < {(int)ConversationStatus.Completed}";

    /// <summary>How many columns <see cref="ValueColumns"/> and <see cref="ConversationColumns"/> name: where a batch's row says whose it is.</summary>
    internal static readonly int ValueColumnCount = ValueColumns.Split(',').Length;

    internal static readonly int ConversationColumnCount = ConversationColumns.Split(',').Length;

    /// <summary>A stored owner's session before its profile and conversations are read.</summary>
    internal static StoredSession Found(long userId, string channel, string chatId, string language, long lastSeen) =>
        new(userId, channel, chatId, new UserSession(language) { OwnerId = userId }) { LastSeenAt = lastSeen };

    /// <summary>A profile value or an answer: a row whose first columns are <see cref="ValueColumns"/>.</summary>
    internal static void ReadValue(DbDataReader reader, Dictionary<string, DialogValue> values) =>
        values[reader.GetString(0)] = DialogValue.Deserialize(reader.GetString(1));

    /// <summary>An open conversation, without its answers: a row whose first columns are <see cref="ConversationColumns"/>.</summary>
    internal static ConversationState ReadConversation(DbDataReader reader)
    {
        var conversation = new ConversationState(
            reader.GetString(1),
            reader.GetInt32(2),
            reader.GetString(3),
            StoredTime.To(reader.GetInt64(7)))
        {
            Id = reader.GetInt64(0),
            Status = (ConversationStatus)reader.GetInt32(4),
            Outcome = reader.IsDBNull(5) ? null : reader.GetString(5),
            UpdatedAt = StoredTime.To(reader.GetInt64(8)),
        };
        conversation.Stored = (conversation.Status, conversation.Outcome);
        var history = reader.GetString(6);
        if (history.Length > 0)
        {
            conversation.History.AddRange(history.Split(' '));
        }

        ConversationModes.Read(reader.IsDBNull(9) ? null : reader.GetString(9), conversation);
        conversation.DialogHash = reader.IsDBNull(10) ? null : reader.GetString(10);
        conversation.Render = reader.GetInt32(11);
        return conversation;
    }

    /// <summary>
    /// Loads the sessions of those of <paramref name="owners"/> (each once) that are stored, a few statements for all of
    /// them, into <paramref name="loaded"/>: as <see cref="LoadSession"/> would, except that <c>last_seen_at</c> is
    /// left as stored (the writer records the owners as seen with its cached ones). Owners not stored are left out.
    /// </summary>
    public void LoadSessions(List<(string Channel, string ChatId)> owners, List<StoredSession> loaded) => _batchLoad.Load(owners, loaded);

    /// <summary>Records that the owner was seen, for a session taken from the cache instead of <see cref="LoadSession"/>.</summary>
    public void TouchUser(long userId, long now) => _touchUser.Set("@now", now).Set("@user", userId).Execute();

    /// <summary>Writes what the engine changed in the session: language, profile, conversations and answers.</summary>
    public void Save(StoredSession stored, long now)
    {
        var session = stored.Session;
        if (session.LanguageChanged)
        {
            _updateLanguage.Set("@language", session.Language).Set("@user", stored.UserId).Execute();
        }

        foreach (var key in session.ChangedProfile)
        {
            _upsertProfile.Set("@user", stored.UserId).Set("@key", key).Set("@value", session.Profile[key].Serialize()).Set("@now", now).Execute();
        }

        foreach (var conversation in session.Conversations)
        {
            if (conversation.IsChanged)
            {
                SaveConversation(stored.UserId, conversation, now);
            }
        }
    }

    /// <summary>
    /// As <see cref="Save"/>, but what an owner's message changes in conversations already stored (their step, their
    /// answers) is written with the rest of the batch's by <see cref="WriteLater"/>, several rows to a statement. New
    /// conversations, the language, profile values and removed answers are written at once. Until then
    /// <see cref="HasLaterWrites"/> says the owner's stored session is behind: load it only after <see cref="WriteLater"/>.
    /// </summary>
    public void SaveLater(StoredSession stored, long now)
    {
        var session = stored.Session;
        var deferred = false;
        foreach (var conversation in session.Conversations)
        {
            if (!conversation.IsChanged || conversation.Id == 0 || conversation.AnswersCleared)
            {
                continue;
            }

            if (_laterConversationSet.Add(conversation))
            {
                _laterConversations.Add(conversation);
            }

            foreach (var key in conversation.ChangedAnswers)
            {
                if (_laterAnswerSet.Add((conversation, key)))
                {
                    _laterAnswers.Add((conversation, key));
                }
            }

            foreach (var key in conversation.RemovedAnswers)
            {
                _deleteAnswer.Set("@conversation", conversation.Id).Set("@key", key).Execute();
            }

            conversation.AcceptChanges(); // written later, from its state then; the rest of the session is saved now
            deferred = true;
        }

        if (deferred)
        {
            _laterOwners.Add((stored.Channel, stored.ChatId));
        }

        Save(stored, now);
    }

    /// <summary>Whether the owner has changes <see cref="SaveLater"/> has not written yet.</summary>
    public bool HasLaterWrites(string channel, string chatId) => _laterOwners.Count > 0 && _laterOwners.Contains((channel, chatId));

    /// <summary>Whether any owner has.</summary>
    public bool HasAnyLaterWrites => _laterOwners.Count > 0;

    /// <summary>Writes what <see cref="SaveLater"/> kept: the conversations' state and answers as they are now.</summary>
    public void WriteLater(long now)
    {
        if (_laterOwners.Count == 0)
        {
            return;
        }

        _laterSteps.Clear();
        _laterStatuses.Clear();
        foreach (var conversation in _laterConversations)
        {
            (conversation.StatusAsStored ? _laterSteps : _laterStatuses).Add(conversation);
        }

        UpdateConversations(_laterSteps, _updateConversationSteps, withStatus: false);
        UpdateConversations(_laterStatuses, _updateConversations, withStatus: true);

        // Answers removed after they were changed (by a later message of the batch) are already deleted: skipped here.
        _answerRows.Clear();
        foreach (var (conversation, key) in _laterAnswers)
        {
            if (conversation.Answers.TryGetValue(key, out var value))
            {
                _answerRows.Add((conversation.Id, key, value.Serialize()));
            }
        }

        for (var start = 0; start < _answerRows.Count; start += AnswerRows)
        {
            var rows = Math.Min(AnswerRows, _answerRows.Count - start);
            var command = _upsertAnswers.For(rows);
            for (var row = 0; row < rows; row++)
            {
                var (conversationId, key, value) = _answerRows[start + row];
                command.SetAt(row * 4, conversationId).SetAt((row * 4) + 1, key).SetAt((row * 4) + 2, value).SetAt((row * 4) + 3, now);
            }

            command.Execute();
        }

        DiscardLater();
    }

    /// <summary>
    /// The update of <paramref name="rows"/> conversations, the step's columns first and then, <paramref name="withStatus"/>,
    /// status and outcome: one binding (<see cref="UpdateConversations"/>) serves both statements.
    /// </summary>
    private static string UpdateConversationsSql(int rows, bool withStatus)
    {
        var status = withStatus ? ", status = v.column9, outcome = v.column10" : string.Empty;
        var values = withStatus ? RowsCommand.Rows(rows, "i", "v", "s", "h", "u", "m", "d", "r", "st", "o") : RowsCommand.Rows(rows, "i", "v", "s", "h", "u", "m", "d", "r");
        return $"""
            UPDATE conversations SET dialog_version = v.column2, step_id = v.column3,
                history = v.column4, updated_at = v.column5, mode = v.column6, dialog_hash = v.column7, render = v.column8{status}
            FROM (VALUES {values}) AS v
            WHERE conversations.id = v.column1
            """;
    }

    private static void UpdateConversations(List<ConversationState> conversations, RowsCommand statement, bool withStatus)
    {
        var columns = withStatus ? 10 : 8;
        for (var start = 0; start < conversations.Count; start += ConversationRows)
        {
            var rows = Math.Min(ConversationRows, conversations.Count - start);
            var command = statement.For(rows);
            for (var row = 0; row < rows; row++)
            {
                var conversation = conversations[start + row];
                var at = row * columns;
                command
                    .SetAt(at, conversation.Id)
                    .SetAt(at + 1, conversation.DialogVersion)
                    .SetAt(at + 2, conversation.StepId)
                    .SetAt(at + 3, History(conversation))
                    .SetAt(at + 4, StoredTime.From(conversation.UpdatedAt))
                    .SetAt(at + 5, ConversationModes.Write(conversation))
                    .SetAt(at + 6, conversation.DialogHash)
                    .SetAt(at + 7, conversation.Render);
                if (withStatus)
                {
                    command.SetAt(at + 8, (int)conversation.Status).SetAt(at + 9, conversation.Outcome);
                    conversation.Stored = (conversation.Status, conversation.Outcome);
                }
            }

            command.Execute();
        }
    }

    /// <summary>Forgets what <see cref="SaveLater"/> kept (its transaction rolled back).</summary>
    public void DiscardLater()
    {
        _laterConversations.Clear();
        _laterConversationSet.Clear();
        _laterSteps.Clear();
        _laterStatuses.Clear();
        _laterAnswers.Clear();
        _laterAnswerSet.Clear();
        _laterOwners.Clear();
    }

    private void SaveConversation(long userId, ConversationState conversation, long now)
    {
        var history = History(conversation);
        var command = conversation.Id == 0 ? _insertConversation : _updateConversation;
        command
            .Set("@version", conversation.DialogVersion)
            .Set("@step", conversation.StepId)
            .Set("@status", (int)conversation.Status)
            .Set("@outcome", conversation.Outcome)
            .Set("@history", history)
            .Set("@updated", StoredTime.From(conversation.UpdatedAt))
            .Set("@mode", ConversationModes.Write(conversation))
            .Set("@hash", conversation.DialogHash)
            .Set("@render", conversation.Render);
        if (conversation.Id == 0)
        {
            conversation.Id = command
                .Set("@user", userId)
                .Set("@dialog", conversation.DialogId)
                .Set("@started", StoredTime.From(conversation.StartedAt))
                .Insert()!.Value;
        }
        else
        {
            command.Set("@id", conversation.Id).Execute();
        }

        conversation.Stored = (conversation.Status, conversation.Outcome);

        if (conversation.AnswersCleared)
        {
            _clearAnswers.Set("@conversation", conversation.Id).Execute();
        }

        foreach (var key in conversation.ChangedAnswers)
        {
            _upsertAnswer.Set("@conversation", conversation.Id).Set("@key", key).Set("@value", conversation.Answers[key].Serialize()).Set("@now", now).Execute();
        }

        foreach (var key in conversation.RemovedAnswers)
        {
            _deleteAnswer.Set("@conversation", conversation.Id).Set("@key", key).Execute();
        }
    }

    private static string History(ConversationState conversation) =>
        conversation.History.Count == 0 ? string.Empty : string.Join(' ', conversation.History);

    /// <summary>A conversation (the same object) and an answer key.</summary>
    private sealed class LaterAnswerComparer : IEqualityComparer<(ConversationState Conversation, string Key)>
    {
        public static LaterAnswerComparer Instance { get; } = new();

        public bool Equals((ConversationState Conversation, string Key) x, (ConversationState Conversation, string Key) y) =>
            ReferenceEquals(x.Conversation, y.Conversation) && string.Equals(x.Key, y.Key, StringComparison.Ordinal);

        public int GetHashCode((ConversationState Conversation, string Key) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Conversation), StringComparer.Ordinal.GetHashCode(obj.Key));
    }
}
