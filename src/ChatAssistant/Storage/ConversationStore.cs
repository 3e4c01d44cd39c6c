using System.Globalization;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>
/// The write side of the database: owners, conversations, answers, inbox and outbox. Used by one thread only
/// (the conversation writer), on one connection with its statements prepared once, because SQLite takes one
/// write transaction at a time and per-statement preparation would dominate the message path.
/// </summary>
internal sealed partial class ConversationStore : IDisposable, IWriteStore
{
    private readonly WriteSession _session;
    private readonly bool _ownsSession;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertInbox;
    private readonly SqliteCommand _findUser;
    private readonly SqliteCommand _insertUser;
    private readonly SqliteCommand _touchUser;
    private readonly SqliteCommand _updateLanguage;
    private readonly SqliteCommand _loadProfile;
    private readonly SqliteCommand _upsertProfile;
    private readonly SqliteCommand _loadConversations;
    private readonly SqliteCommand _loadAnswers;
    private readonly SqliteCommand _insertConversation;
    private readonly SqliteCommand _updateConversation;
    private readonly SqliteCommand _clearAnswers;
    private readonly SqliteCommand _deleteAnswer;
    private readonly SqliteCommand _upsertAnswer;
    private readonly SqliteCommand _insertOutbox;
    private readonly SqliteCommand _markSent;
    private readonly SqliteCommand _setChannelState;

    /// <summary>A store on a write session of its own, on the SQLite file at <paramref name="path"/>.</summary>
    public ConversationStore(string path, TimeSpan busyTimeout, TimeProvider time, Microsoft.Extensions.Logging.ILogger? logger = null)
        : this(new WriteSession(new Sqlite.SqliteProvider(path, busyTimeout, time, new Random(), logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), time))
    {
        _ownsSession = true;
    }

    public ConversationStore(WriteSession session)
    {
        _session = session;
        _connection = (SqliteConnection)session.Connection;

        // The writer keeps sessions read from these between messages: it must learn of every other write to them.
        session.Watch("users", "profile_values", "conversations", "answers");
        _insertInbox = Prepare("INSERT INTO inbox (channel, message_id, received_at) VALUES ($channel, $id, $now) ON CONFLICT DO NOTHING",
            "$channel", "$id", "$now");
        _findUser = Prepare("SELECT id, language FROM users WHERE channel = $channel AND chat_id = $chat", "$channel", "$chat");
        _insertUser = Prepare(
            "INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ($channel, $chat, $language, $now, $now) RETURNING id",
            "$channel", "$chat", "$language", "$now");
        _touchUser = Prepare("UPDATE users SET last_seen_at = $now WHERE id = $user", "$now", "$user");
        _updateLanguage = Prepare("UPDATE users SET language = $language WHERE id = $user", "$language", "$user");
        _loadProfile = Prepare("SELECT key, value FROM profile_values WHERE user_id = $user", "$user");
        _upsertProfile = Prepare(
            "INSERT INTO profile_values (user_id, key, value, updated_at) VALUES ($user, $key, $value, $now) ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            "$user", "$key", "$value", "$now");
        _loadConversations = Prepare(
            "SELECT id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at, mode, dialog_hash, render FROM conversations WHERE user_id = $user AND status < 2 ORDER BY id",
            "$user");
        _loadAnswers = Prepare("SELECT key, value FROM answers WHERE conversation_id = $conversation", "$conversation");
        _insertConversation = Prepare(
            "INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at, mode, dialog_hash, render) VALUES ($user, $dialog, $version, $step, $status, $outcome, $history, $started, $updated, $mode, $hash, $render) RETURNING id",
            "$user", "$dialog", "$version", "$step", "$status", "$outcome", "$history", "$started", "$updated", "$mode", "$hash", "$render");
        _updateConversation = Prepare(
            "UPDATE conversations SET dialog_version = $version, step_id = $step, status = $status, outcome = $outcome, history = $history, updated_at = $updated, mode = $mode, dialog_hash = $hash, render = $render WHERE id = $id",
            "$version", "$step", "$status", "$outcome", "$history", "$updated", "$mode", "$hash", "$render", "$id");
        _clearAnswers = Prepare("DELETE FROM answers WHERE conversation_id = $conversation", "$conversation");
        _deleteAnswer = Prepare("DELETE FROM answers WHERE conversation_id = $conversation AND key = $key", "$conversation", "$key");
        _upsertAnswer = Prepare(
            "INSERT INTO answers (conversation_id, key, value, updated_at) VALUES ($conversation, $key, $value, $now) ON CONFLICT (conversation_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            "$conversation", "$key", "$value", "$now");
        _insertOutbox = Prepare(
            "INSERT INTO outbox (user_id, channel, chat_id, priority, text, buttons, created_at) VALUES ($user, $channel, $chat, $priority, $text, $buttons, $now) RETURNING id",
            "$user", "$channel", "$chat", "$priority", "$text", "$buttons", "$now");
        _markSent = Prepare("UPDATE outbox SET sent_at = $now, attempts = attempts + 1 WHERE id = $id", "$now", "$id");
        _setChannelState = Prepare(
            "INSERT INTO channel_state (channel, key, value) VALUES ($channel, $key, $value) ON CONFLICT (channel, key) DO UPDATE SET value = excluded.value",
            "$channel", "$key", "$value");
    }

    public WriteSession Session => _session;

    public SqliteConnection Connection => _connection;

    private SqliteTransaction? _transaction => (SqliteTransaction?)_session.Transaction;

    /// <summary>Starts a write transaction (BEGIN IMMEDIATE: the write lock is taken now, never upgraded later).</summary>
    public void Begin() => _session.Begin();

    public void Commit() => _session.Commit();

    public void Rollback() => _session.Rollback();

    /// <summary>Records an inbound message id; false when it was already handled (a redelivery).</summary>
    public bool TryRecordInbound(string channel, string messageId, long now)
    {
        _insertInbox.Parameters[0].Value = channel;
        _insertInbox.Parameters[1].Value = messageId;
        _insertInbox.Parameters[2].Value = now;
        return _insertInbox.ExecuteNonQuery() == 1;
    }

    /// <summary>The owner's row id and language, creating the owner on first contact.</summary>
    public (long UserId, string Language, bool Created) FindOrCreateUser(string channel, string chatId, string? languageHint, long now)
    {
        _findUser.Parameters[0].Value = channel;
        _findUser.Parameters[1].Value = chatId;
        using (var reader = _findUser.ExecuteReader())
        {
            if (reader.Read())
            {
                return (reader.GetInt64(0), reader.GetString(1), false);
            }
        }

        var language = Dialogs.Languages.Normalize(languageHint) ?? Dialogs.Languages.Indonesian;
        _insertUser.Parameters[0].Value = channel;
        _insertUser.Parameters[1].Value = chatId;
        _insertUser.Parameters[2].Value = language;
        _insertUser.Parameters[3].Value = now;
        return ((long)_insertUser.ExecuteScalar()!, language, true);
    }

    /// <summary>Loads (or creates) the owner and their open conversations with every answer.</summary>
    public StoredSession LoadSession(string channel, string chatId, string? languageHint, long now)
    {
        var (userId, language, created) = FindOrCreateUser(channel, chatId, languageHint, now);
        if (created)
        {
            return new StoredSession(userId, channel, chatId, new UserSession(language) { OwnerId = userId });
        }

        _touchUser.Parameters[0].Value = now;
        _touchUser.Parameters[1].Value = userId;
        _touchUser.ExecuteNonQuery();

        var session = new UserSession(language) { OwnerId = userId };
        _loadProfile.Parameters[0].Value = userId;
        using (var reader = _loadProfile.ExecuteReader())
        {
            while (reader.Read())
            {
                session.Profile[reader.GetString(0)] = DialogValue.Deserialize(reader.GetString(1));
            }
        }

        _loadConversations.Parameters[0].Value = userId;
        using (var reader = _loadConversations.ExecuteReader())
        {
            while (reader.Read())
            {
                var conversation = new ConversationState(
                    reader.GetString(1),
                    reader.GetInt32(2),
                    reader.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)))
                {
                    Id = reader.GetInt64(0),
                    Status = (ConversationStatus)reader.GetInt32(4),
                    Outcome = reader.IsDBNull(5) ? null : reader.GetString(5),
                    UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
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
            _loadAnswers.Parameters[0].Value = conversation.Id;
            using var reader = _loadAnswers.ExecuteReader();
            while (reader.Read())
            {
                conversation.Answers[reader.GetString(0)] = DialogValue.Deserialize(reader.GetString(1));
            }
        }

        return new StoredSession(userId, channel, chatId, session);
    }

    /// <summary>Writes what the engine changed in the session: language, profile, conversations and answers.</summary>
    public void Save(StoredSession stored, long now)
    {
        _session.CountWatchedWrite(); // bound by position until it moves to its store, so counted here
        var session = stored.Session;
        if (session.LanguageChanged)
        {
            _updateLanguage.Parameters[0].Value = session.Language;
            _updateLanguage.Parameters[1].Value = stored.UserId;
            _updateLanguage.ExecuteNonQuery();
        }

        foreach (var key in session.ChangedProfile)
        {
            _upsertProfile.Parameters[0].Value = stored.UserId;
            _upsertProfile.Parameters[1].Value = key;
            _upsertProfile.Parameters[2].Value = session.Profile[key].Serialize();
            _upsertProfile.Parameters[3].Value = now;
            _upsertProfile.ExecuteNonQuery();
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
        var updated = conversation.UpdatedAt.ToUnixTimeMilliseconds();
        if (conversation.Id == 0)
        {
            var insert = _insertConversation.Parameters;
            insert[0].Value = userId;
            insert[1].Value = conversation.DialogId;
            insert[2].Value = conversation.DialogVersion;
            insert[3].Value = conversation.StepId;
            insert[4].Value = (int)conversation.Status;
            insert[5].Value = (object?)conversation.Outcome ?? DBNull.Value;
            insert[6].Value = history;
            insert[7].Value = conversation.StartedAt.ToUnixTimeMilliseconds();
            insert[8].Value = updated;
            insert[9].Value = (object?)ConversationModes.Write(conversation) ?? DBNull.Value;
            insert[10].Value = (object?)conversation.DialogHash ?? DBNull.Value;
            insert[11].Value = conversation.Render;
            conversation.Id = (long)_insertConversation.ExecuteScalar()!;
        }
        else
        {
            var update = _updateConversation.Parameters;
            update[0].Value = conversation.DialogVersion;
            update[1].Value = conversation.StepId;
            update[2].Value = (int)conversation.Status;
            update[3].Value = (object?)conversation.Outcome ?? DBNull.Value;
            update[4].Value = history;
            update[5].Value = updated;
            update[6].Value = (object?)ConversationModes.Write(conversation) ?? DBNull.Value;
            update[7].Value = (object?)conversation.DialogHash ?? DBNull.Value;
            update[8].Value = conversation.Render;
            update[9].Value = conversation.Id;
            _updateConversation.ExecuteNonQuery();
        }

        if (conversation.AnswersCleared)
        {
            _clearAnswers.Parameters[0].Value = conversation.Id;
            _clearAnswers.ExecuteNonQuery();
        }

        foreach (var key in conversation.ChangedAnswers)
        {
            _upsertAnswer.Parameters[0].Value = conversation.Id;
            _upsertAnswer.Parameters[1].Value = key;
            _upsertAnswer.Parameters[2].Value = conversation.Answers[key].Serialize();
            _upsertAnswer.Parameters[3].Value = now;
            _upsertAnswer.ExecuteNonQuery();
        }

        foreach (var key in conversation.RemovedAnswers)
        {
            _deleteAnswer.Parameters[0].Value = conversation.Id;
            _deleteAnswer.Parameters[1].Value = key;
            _deleteAnswer.ExecuteNonQuery();
        }
    }

    public long EnqueueOutbound(long userId, string channel, string chatId, OutboundMessage message, OutboxPriority priority, long now)
    {
        var insert = _insertOutbox.Parameters;
        insert[0].Value = userId;
        insert[1].Value = channel;
        insert[2].Value = chatId;
        insert[3].Value = (int)priority;
        insert[4].Value = message.Text;
        insert[5].Value = message.Buttons.Count == 0 ? DBNull.Value : EncodeButtons(message.Buttons);
        insert[6].Value = now;
        return (long)_insertOutbox.ExecuteScalar()!;
    }

    public void MarkSent(long outboxId, long now)
    {
        _markSent.Parameters[0].Value = now;
        _markSent.Parameters[1].Value = outboxId;
        _markSent.ExecuteNonQuery();
    }

    public void SetChannelState(string channel, string key, string value)
    {
        _setChannelState.Parameters[0].Value = channel;
        _setChannelState.Parameters[1].Value = key;
        _setChannelState.Parameters[2].Value = value;
        _setChannelState.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters) => (SqliteCommand)_session.Prepare(sql, parameters).Command;

    public void Dispose()
    {
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }
}
