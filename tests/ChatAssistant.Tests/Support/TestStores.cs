using System.Data.Common;
using ChatAssistant.Storage;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests;

/// <summary>
/// The stores of one write session together, for tests that seed and inspect a database by the stores' own
/// calls (the product takes each store by itself); runs in the writer's transaction as an <see cref="IWriteStore"/>.
/// </summary>
internal sealed class TestStores : IDisposable, IWriteStore
{
    private readonly WriteSession _session;
    private readonly bool _ownsSession;
    private readonly DbConnection _connection;

    /// <summary>A store on a write session of its own, on the SQLite file at <paramref name="path"/>.</summary>
    public TestStores(string path, TimeSpan busyTimeout, TimeProvider time, Microsoft.Extensions.Logging.ILogger? logger = null)
        : this(new WriteSession(new ChatAssistant.Storage.Sqlite.SqliteProvider(path, busyTimeout, time, new Random(), logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), time))
    {
        _ownsSession = true;
    }

    /// <summary>A store on a write session of its own, on <paramref name="target"/> (SQLite or PostgreSQL).</summary>
    public TestStores(StorageTarget target, TimeProvider time)
        : this(target.Open(time))
    {
        _ownsSession = true;
    }

    public TestStores(WriteSession session)
        : this(new SessionStore(session), new OutboxStore(session), new DialogVersionStore(session))
    {
    }

    public TestStores(SessionStore sessions, OutboxStore outbox, DialogVersionStore dialogVersions)
    {
        _session = sessions.Session;
        _connection = _session.Connection;
        Sessions = sessions;
        Outbox = outbox;
        DialogVersions = dialogVersions;
    }

    /// <summary>Longest text replies are merged into.</summary>
    public const int MaxMergedReplyLength = OutboxStore.MaxMergedReplyLength;

    public WriteSession Session => _session;

    public SessionStore Sessions { get; }

    public OutboxStore Outbox { get; }

    public DialogVersionStore DialogVersions { get; }

    public DbConnection Connection => _connection;

    public void Begin() => _session.Begin();

    public void Commit() => _session.Commit();

    public void Rollback() => _session.Rollback();

    public bool ChangedByOthers() => _session.ChangedByOthers();

    public bool TryRecordInbound(string channel, string messageId, long now) => Sessions.TryRecordInbound(channel, messageId, now);

    public (long UserId, string Language, bool Created) FindOrCreateUser(string channel, string chatId, string? languageHint, long now) =>
        Sessions.FindOrCreateUser(channel, chatId, languageHint, now);

    public StoredSession LoadSession(string channel, string chatId, string? languageHint, long now) => Sessions.LoadSession(channel, chatId, languageHint, now);

    public void TouchUser(long userId, long now) => Sessions.TouchUser(userId, now);

    public void Save(StoredSession stored, long now) => Sessions.Save(stored, now);

    public long EnqueueOutbound(long userId, string channel, string chatId, OutboundMessage message, OutboxPriority priority, long now) =>
        Outbox.Enqueue(userId, channel, chatId, message, priority, now);

    public long EnqueueReply(long userId, string channel, string chatId, OutboundMessage message, int coalesceAfter, long now) =>
        Outbox.EnqueueReply(userId, channel, chatId, message, coalesceAfter, now);

    public void MarkSent(long outboxId, long now) => Outbox.MarkSent(outboxId, now);

    public void MarkSent(long outboxId, string? channelMessageId, long now) => Outbox.MarkSent(outboxId, channelMessageId, now);

    public void Reschedule(long outboxId, string channel, string chatId, long notBefore, string? error) => Outbox.Reschedule(outboxId, channel, chatId, notBefore, error);

    public void MarkFailed(long outboxId, string error, long now) => Outbox.MarkFailed(outboxId, error, now);

    public void MarkUnreachable(string channel, string chatId, long now) => Outbox.MarkUnreachable(channel, chatId, now);

    public void MarkReachable(string channel, string chatId) => Outbox.MarkReachable(channel, chatId);

    public string? GetChannelState(string channel, string key) => Outbox.GetChannelState(channel, key);

    public void SetChannelState(string channel, string key, string value) => Outbox.SetChannelState(channel, key, value);

    public void SaveDialogVersion(string hash, string dialogId, int version, DialogSource source, long now) => DialogVersions.Save(hash, dialogId, version, source, now);

    public DialogSource? LoadDialogVersion(string hash) => DialogVersions.Load(hash);

    public IReadOnlyList<DialogSource> LatestDialogVersions() => DialogVersions.Latest();

    public void Dispose()
    {
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }
}
