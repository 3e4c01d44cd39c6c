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

    public SessionStore(WriteSession session)
    {
        Session = session;
        Locks = new OwnerLocks(session);
        var sql = session.Dialect;

        // What a loaded session is read from (besides dialog versions, which never change once kept).
        session.Watch("users", "profile_values", "conversations", "answers");

        _insertInbox = session.Prepare($"INSERT INTO inbox (channel, message_id, received_at) VALUES (@channel, @id, @now) {sql.InsertIgnore}");
        _findUser = session.Prepare("SELECT id, language FROM users WHERE channel = @channel AND chat_id = @chat");
        _insertUser = session.Prepare(
            $"INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES (@channel, @chat, @language, @now, @now) {sql.Returning("id")}");
        _touchUser = session.Prepare("UPDATE users SET last_seen_at = @now WHERE id = @user");
        _updateLanguage = session.Prepare("UPDATE users SET language = @language WHERE id = @user");
        _loadProfile = session.Prepare("SELECT key, value FROM profile_values WHERE user_id = @user");
        _upsertProfile = session.Prepare(
            $"INSERT INTO profile_values (user_id, key, value, updated_at) VALUES (@user, @key, @value, @now) {sql.Upsert("user_id, key", "value", "updated_at")}");
        _loadConversations = session.Prepare(
            $"SELECT id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at, mode, dialog_hash, render FROM conversations WHERE user_id = @user AND status < {(int)ConversationStatus.Completed} ORDER BY id");
        _loadAnswers = session.Prepare("SELECT key, value FROM answers WHERE conversation_id = @conversation");
        _insertConversation = session.Prepare(
            $"INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at, mode, dialog_hash, render) VALUES (@user, @dialog, @version, @step, @status, @outcome, @history, @started, @updated, @mode, @hash, @render) {sql.Returning("id")}");
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
    /// Keeps an update the channel sent that could not be read (the raw bytes and why), for operators
    /// (<c>deadletters list</c>), instead of stopping the channel on it.
    /// </summary>
    public void SetAside(string channel, string? updateId, string reason, ReadOnlySpan<byte> raw, long now) =>
        _setAside.Set("@channel", channel).Set("@update", updateId).Set("@reason", reason).Set("@raw", raw.ToArray()).Set("@now", now).Execute();

    /// <summary>The owner's row id and language, creating the owner on first contact.</summary>
    public (long UserId, string Language, bool Created) FindOrCreateUser(string channel, string chatId, string? languageHint, long now)
    {
        using (var reader = _findUser.Set("@channel", channel).Set("@chat", chatId).Read())
        {
            if (reader.Read())
            {
                return (reader.GetInt64(0), reader.GetString(1), false);
            }
        }

        var language = Languages.Normalize(languageHint) ?? Languages.Indonesian;
        var id = (long)_insertUser.Set("@channel", channel).Set("@chat", chatId).Set("@language", language).Set("@now", now).Scalar()!;
        return (id, language, true);
    }

    /// <summary>Loads (or creates) the owner and their open conversations with every answer.</summary>
    public StoredSession LoadSession(string channel, string chatId, string? languageHint, long now)
    {
        var (userId, language, created) = FindOrCreateUser(channel, chatId, languageHint, now);
        if (created)
        {
            return new StoredSession(userId, channel, chatId, new UserSession(language) { OwnerId = userId });
        }

        TouchUser(userId, now);
        var session = new UserSession(language) { OwnerId = userId };
        using (var reader = _loadProfile.Set("@user", userId).Read())
        {
            while (reader.Read())
            {
                session.Profile[reader.GetString(0)] = DialogValue.Deserialize(reader.GetString(1));
            }
        }

        using (var reader = _loadConversations.Set("@user", userId).Read())
        {
            while (reader.Read())
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
                var history = reader.GetString(6);
                if (history.Length > 0)
                {
                    conversation.History.AddRange(history.Split(' '));
                }

                ConversationModes.Read(reader.IsDBNull(9) ? null : reader.GetString(9), conversation);
                conversation.DialogHash = reader.IsDBNull(10) ? null : reader.GetString(10);
                conversation.Render = reader.GetInt32(11);

                session.Conversations.Add(conversation);
            }
        }

        foreach (var conversation in session.Conversations)
        {
            using var reader = _loadAnswers.Set("@conversation", conversation.Id).Read();
            while (reader.Read())
            {
                conversation.Answers[reader.GetString(0)] = DialogValue.Deserialize(reader.GetString(1));
            }
        }

        return new StoredSession(userId, channel, chatId, session);
    }

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

    private void SaveConversation(long userId, ConversationState conversation, long now)
    {
        var history = conversation.History.Count == 0 ? string.Empty : string.Join(' ', conversation.History);
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
            conversation.Id = (long)command
                .Set("@user", userId)
                .Set("@dialog", conversation.DialogId)
                .Set("@started", StoredTime.From(conversation.StartedAt))
                .Scalar()!;
        }
        else
        {
            command.Set("@id", conversation.Id).Execute();
        }

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
}
