using System.Threading.Channels;
using ChatAssistant.Broadcasts;
using ChatAssistant.Channels;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Conversations;

/// <summary>
/// The one writer. Every inbound message, from every channel, is queued here and applied in a transaction
/// that covers the dedup record, the conversation state, the answers and the reply in the outbox; so a crash
/// at any point loses no answer and the reply exists exactly when its cause is committed. One writer also
/// keeps each chat's messages in order. Under load, queued messages share a transaction.
/// </summary>
internal sealed partial class ConversationWriter : BackgroundService, IStoreWriter, ICurrentQuestion
{
    private readonly WriteSession _session;
    private readonly SessionStore _owners;
    private readonly OutboxStore _outbox;
    private readonly DialogVersionStore _dialogVersions;
    private readonly ConversationEngine _engine;
    private readonly OutboxSignal _outboxSignal;
    private readonly TimeProvider _time;
    private readonly ILogger<ConversationWriter> _logger;
    private readonly int _maxBatch;
    private readonly Channel<WriteRequest> _queue;
    private readonly List<WriteRequest> _batch = [];
    private readonly SessionCache _sessions;
    private readonly OperatorOptions _operators;
    private readonly Random _random;
    private readonly int _coalesceAfter;
    private readonly IHandoffRouting? _handoff;
    private readonly List<long> _ownerKeys = [];
    private readonly List<InboundId> _inboundIds = [];
    private readonly HashSet<InboundId> _newInbound = [];
    private readonly List<long> _seen = [];
    private readonly List<(string Channel, string ChatId)> _uncached = [];
    private readonly HashSet<(string Channel, string ChatId)> _uncachedSet = [];
    private readonly List<StoredSession> _loaded = [];
    private readonly List<UserSession> _finishedInBatch = [];
    private bool _anyHeld;
    private long _transactions;
    private long _requests;

    // While the database refuses writes (locked by another process, disk full), the batch in hand is tried again
    // at these intervals; owners' messages wait in the queue and the channels see them as not yet taken.
    private static readonly TimeSpan RetryFirst = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RetryMax = TimeSpan.FromSeconds(2);

    /// <param name="owners">The owners and sessions the writer loads and saves; its session is the writer's transaction.</param>
    /// <param name="outbox">Where replies go, on the same session.</param>
    /// <param name="dialogVersions">Kept dialog versions, to bring back the one a loaded conversation is pinned to.</param>
    /// <param name="random">The jitter of the waits while the database refuses writes.</param>
    /// <param name="handoff">Conversations handed to people, on the same session; none when the host has no one to hand to.</param>
    public ConversationWriter(
        SessionStore owners,
        OutboxStore outbox,
        DialogVersionStore dialogVersions,
        ConversationEngine engine,
        OutboxSignal outboxSignal,
        TimeProvider time,
        Random random,
        IOptions<ConversationOptions> options,
        ILogger<ConversationWriter> logger,
        IOptions<OperatorOptions>? operators = null,
        IHandoffRouting? handoff = null)
    {
        if (!ReferenceEquals(outbox.Session, owners.Session) || !ReferenceEquals(dialogVersions.Session, owners.Session)
            || (handoff is not null && !ReferenceEquals(handoff.Session, owners.Session)))
        {
            throw new ArgumentException("The writer's stores must share one write session: a message's writes commit together.");
        }

        _operators = operators?.Value ?? new OperatorOptions();
        _handoff = handoff;
        _random = random;
        _coalesceAfter = options.Value.CoalesceRepliesAfter;
        _session = owners.Session;
        _owners = owners;
        _outbox = outbox;
        _dialogVersions = dialogVersions;
        _engine = engine;
        _outboxSignal = outboxSignal;
        _time = time;
        _logger = logger;
        _maxBatch = options.Value.MaxBatchSize;
        _sessions = new SessionCache(options.Value.SessionCacheSize);
        _queue = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Transactions committed and requests they carried since start: the batch size the load found (for the load harness).</summary>
    public (long Transactions, long Requests) Committed => (Interlocked.Read(ref _transactions), Interlocked.Read(ref _requests));

    /// <summary>Queues an inbound message; completes once its transaction has committed.</summary>
    public Task<HandledMessage> SubmitAsync(InboundEnvelope envelope, CancellationToken cancellationToken = default)
    {
        var request = new InboundRequest(envelope);
        var queued = _queue.Writer.WriteAsync(request, cancellationToken);

        // Nearly always queued at once: then the caller awaits the commit itself, with no state machine of ours between.
        return queued.IsCompletedSuccessfully ? request.Completion.Task : WhenQueuedAsync(queued, request);
    }

    private static async Task<HandledMessage> WhenQueuedAsync(ValueTask queued, InboundRequest request)
    {
        await queued.ConfigureAwait(false);
        return await request.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="store"/> (a feature's store on the writer's session) in the
    /// writer's transaction, after the messages queued before it. Sessions the writer keeps are dropped when the
    /// work wrote the tables they are read from.
    /// </summary>
    public async Task<T> RunAsync<TStore, T>(TStore store, Func<TStore, DateTimeOffset, T> work, CancellationToken cancellationToken = default)
        where TStore : IWriteStore
    {
        if (!ReferenceEquals(store.Session, _session))
        {
            throw new ArgumentException("The store writes on another session than the writer's: its writes would not be in the writer's transaction.", nameof(store));
        }

        var request = new StoreRequest<TStore, T>(store, work);
        await _queue.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        return await request.Completion.Task.ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                TakeBatch(reader);
                await ApplyUntilWrittenAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is already queued is still applied below, so nothing accepted is lost.
        }

        // One more try each, no waiting: a batch the database still refuses fails, and its messages, not
        // acknowledged to their channel, are fetched again after the next start.
        _queue.Writer.TryComplete();
        FailIfRefused(ApplyBatch(_batch));
        while (reader.TryPeek(out _))
        {
            TakeBatch(reader);
            FailIfRefused(ApplyBatch(_batch));
        }

        _batch.Clear();
    }

    private void TakeBatch(ChannelReader<WriteRequest> reader)
    {
        _batch.Clear();
        while (_batch.Count < _maxBatch && reader.TryRead(out var request))
        {
            _batch.Add(request);
        }
    }

    /// <summary>
    /// Applies the batch in hand, waiting out a database that refuses writes for a passing reason for as long as
    /// it takes. The batch is kept, not failed: an owner's message stays unacknowledged to its channel and its
    /// sender waits, so nothing is answered with an apology or lost because another process held the lock or the
    /// disk was full for a while, and everything resumes in order once the cause is gone.
    /// </summary>
    private async Task ApplyUntilWrittenAsync(CancellationToken stoppingToken)
    {
        for (var failures = 0; ; )
        {
            var refused = ApplyBatch(_batch);
            if (refused is null)
            {
                if (failures > 0)
                {
                    Log.Writable(_logger, failures);
                }

                _batch.Clear();
                return;
            }

            var wait = DatabaseFaults.Backoff(++failures, RetryFirst, RetryMax, _random.NextDouble);
            if (failures <= 3 || failures % 30 == 0)
            {
                // The first tries, then about once a minute: a full disk for an hour is a few dozen lines, not thousands.
                Log.NotWritable(_logger, _batch.Count, failures, wait, refused);
            }

            await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
        }
    }

    private void FailIfRefused(Exception? refused)
    {
        if (refused is not null)
        {
            foreach (var request in _batch)
            {
                request.Fail(refused);
            }
        }

        _batch.Clear();
    }

    /// <summary>
    /// Applies a batch in one transaction. Null when it is done (committed, or failed for its own reasons and
    /// answered so); the database's error when the database refused for a passing reason: then nothing of the
    /// batch was applied or completed, and it may be applied again.
    /// </summary>
    private Exception? ApplyBatch(List<WriteRequest> batch)
    {
        if (batch.Count == 0)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        try
        {
            _session.Begin();
            LockOwners(batch);
            if (_session.ChangedByOthers())
            {
                _sessions.Clear(); // another process wrote: what is cached may be stale (always, where replicas share the database)
            }

            BeginBatch(batch, now);
            foreach (var request in batch)
            {
                if (request is InboundRequest)
                {
                    request.Apply(this, now);
                    continue;
                }

                WriteLater(now); // a store's work sees what the messages before it changed
                request.Apply(this, now);
                _anyHeld = true; // it may have held an owner's messages (a closed window) that a later message releases
            }

            WriteLater(now);
            _session.NotifyOnCommit(OutboxNotices.Channel); // wakes the elected sender on another replica
            _session.Commit();
            ReleaseFinished();
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _requests, batch.Count);
        }
        catch (Exception ex)
        {
            _session.Rollback();
            _owners.DiscardLater();
            _seen.Clear();
            _finishedInBatch.Clear();
            _sessions.Clear(); // the engine changed cached sessions in memory; the database no longer has those changes
            foreach (var request in batch)
            {
                request.Discard();
            }

            if (_session.IsTransient(ex))
            {
                return ex; // not the messages' fault: the whole batch waits and goes again
            }

            if (batch.Count == 1)
            {
                Fail(batch[0], ex, now);
                return null;
            }

            // One bad message must not sink the others: apply each alone to find it.
            Log.BatchRetried(_logger, batch.Count, ex);
            foreach (var request in batch.ToArray())
            {
                if (ApplyBatch([request]) is { } refused)
                {
                    request.Fail(refused); // the database failed meanwhile: its sender tries again (a channel redelivers)
                }
            }

            return null;
        }

        var answered = false;
        foreach (var request in batch)
        {
            answered |= request.Complete();
        }

        if (answered)
        {
            _outboxSignal.Notify();
        }

        return null;
    }

    /// <summary>
    /// Lets the sessions whose conversations finished in the batch just committed reuse those objects for their next
    /// start (<see cref="UserSession.ReleaseFinished"/>): only now, because <see cref="SessionStore.WriteLater"/> writes a
    /// finished conversation's last step from the object, after its turn.
    /// </summary>
    private void ReleaseFinished()
    {
        foreach (var session in _finishedInBatch)
        {
            session.ReleaseFinished();
        }

        _finishedInBatch.Clear();
    }

    /// <summary>
    /// What a batch's messages share, a statement each instead of one per message: their ids recorded in the inbox
    /// (dedup), and whether any owner has messages held for a closed window to release.
    /// </summary>
    private void BeginBatch(List<WriteRequest> batch, DateTimeOffset now)
    {
        _inboundIds.Clear();
        _newInbound.Clear();
        _seen.Clear();
        foreach (var request in batch)
        {
            if (request is InboundRequest inbound)
            {
                _inboundIds.Add(new InboundId(inbound.Envelope.Channel, inbound.Envelope.MessageId));
            }
        }

        if (_inboundIds.Count > 0)
        {
            _owners.RecordInbound(_inboundIds, now.ToUnixTimeMilliseconds(), _newInbound);
            _anyHeld = _outbox.AnyHeld();
            LoadUncached(batch);
        }
    }

    /// <summary>
    /// Reads the sessions of the batch's owners that the cache does not hold, a few statements for all of them, into the
    /// cache, so that each message finds its owner's there as if the owner had written before. Where replicas share the
    /// database the cache is dropped before every batch, and reading each owner's session with its message was most of a
    /// message's statements. Sends nothing when the cache holds every owner (SQLite, warm). Runs with the owners' locks
    /// held (<see cref="LockOwners"/>) and before any message: what it reads is what the messages would. Owners not
    /// stored yet, and owners whose every message is a redelivery, are left to their messages.
    /// </summary>
    private void LoadUncached(List<WriteRequest> batch)
    {
        _uncached.Clear();
        _uncachedSet.Clear();
        var room = _sessions.Room;
        foreach (var request in batch)
        {
            if (_uncached.Count == room)
            {
                break; // the rest load with their messages
            }

            if (request is InboundRequest { Envelope: var envelope }
                && _newInbound.Contains(new InboundId(envelope.Channel, envelope.MessageId))
                && !_sessions.Contains(envelope.Channel, envelope.ChatId)
                && _uncachedSet.Add((envelope.Channel, envelope.ChatId)))
            {
                _uncached.Add((envelope.Channel, envelope.ChatId));
            }
        }

        if (_uncached.Count == 0)
        {
            return;
        }

        _loaded.Clear();
        _owners.LoadSessions(_uncached, _loaded);
        foreach (var stored in _loaded)
        {
            PinDialogVersions(stored.Session);
            _sessions.Add(stored);
        }

        _loaded.Clear();
    }

    /// <summary>
    /// Writes what the batch's messages left for later, several rows to a statement: the owners whose sessions came
    /// from the cache as seen, and the conversations' steps and answers (<see cref="SessionStore.SaveLater"/>).
    /// </summary>
    private void WriteLater(DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        if (_seen.Count > 0)
        {
            _owners.TouchUsers(_seen, ms);
            _seen.Clear();
        }

        _owners.WriteLater(ms);
    }

    /// <summary>
    /// Where several replicas share the database: locks the owners of the batch's messages, all at once and in the
    /// order of their keys, so that each owner's messages are handled by one replica at a time, in order, and two
    /// replicas never wait for each other in a cycle. What the batch reads of those owners afterwards is what the
    /// last replica committed. A deadlock the server still finds (a lock a store takes later) is a passing error:
    /// the batch goes again.
    /// </summary>
    private void LockOwners(List<WriteRequest> batch)
    {
        if (!_owners.Locks.Needed)
        {
            return;
        }

        _ownerKeys.Clear();
        foreach (var request in batch)
        {
            if (request is InboundRequest inbound)
            {
                _ownerKeys.Add(OwnerLocks.Key(inbound.Envelope.Channel, inbound.Envelope.ChatId));
            }
        }

        _owners.Locks.Lock(_ownerKeys);
    }

    private void Fail(WriteRequest request, Exception error, DateTimeOffset now)
    {
        if (request is not InboundRequest inbound)
        {
            request.Fail(error);
            return;
        }

        var envelope = inbound.Envelope;
        Log.MessageFailed(_logger, envelope.Channel, envelope.MessageId, error);
        try
        {
            // Record the message as handled and apologise, so a message that crashes the engine is not
            // retried forever and the owner is not left waiting in silence.
            var ms = now.ToUnixTimeMilliseconds();
            _session.Begin();
            _owners.Locks.Lock(envelope.Channel, envelope.ChatId);
            HandledMessage result;
            if (_owners.TryRecordInbound(envelope.Channel, envelope.MessageId, ms))
            {
                // Only the owner's address and language: their session may be what failed to load.
                var (userId, language, _) = _owners.FindOrCreateUser(envelope.Channel, envelope.ChatId, envelope.LanguageHint, ms);
                var apology = OutboundMessage.Plain(Apology(language));
                var id = _outbox.EnqueueReply(userId, envelope.Channel, envelope.ChatId, apology, _coalesceAfter, ms);
                result = new HandledMessage(HandledStatus.Failed, id, apology);
            }
            else
            {
                result = new HandledMessage(HandledStatus.Duplicate, 0, null);
            }

            if (envelope.Position is { } position)
            {
                _outbox.SetChannelState(envelope.Channel, position.Key, position.Value);
            }

            _session.Commit();
            inbound.Completion.TrySetResult(result);
            _outboxSignal.Notify();
        }
        catch (Exception again)
        {
            // The database itself is failing: the channel keeps the message and offers it again later.
            _session.Rollback();
            _sessions.Clear();
            inbound.Completion.TrySetException(again);
        }
    }

    private static readonly HandledMessage Duplicate = new(HandledStatus.Duplicate, 0, null);

    private static string Apology(string language) => language == Languages.English
        ? "Sorry, something went wrong on our side while reading your message. Please try again in a moment."
        : "Maaf, terjadi kesalahan di sistem kami saat membaca pesan Anda. Silakan coba lagi sebentar lagi.";

    private HandledMessage ApplyInbound(InboundEnvelope envelope, DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        if (envelope.Position is { } position)
        {
            _outbox.SetChannelState(envelope.Channel, position.Key, position.Value);
        }

        // Recorded for the whole batch (BeginBatch); the first of two equal ids in one batch takes it.
        if (!_newInbound.Remove(new InboundId(envelope.Channel, envelope.MessageId)))
        {
            Log.Duplicate(_logger, envelope.Channel, envelope.MessageId);
            return Duplicate;
        }

        // The owner's message opens their window again: what was held for it goes first, then this message's reply.
        if (_anyHeld && _outbox.ReleaseHeld(envelope.Channel, envelope.ChatId, ms) is > 0 and var released)
        {
            Log.HeldReleased(_logger, envelope.Channel, envelope.ChatId, released);
        }

        if (_owners.HasLaterWrites(envelope.Channel, envelope.ChatId))
        {
            // The owner's earlier message in this batch is written first: what this one loads, or what an action of its
            // dialog reads or erases in the database (/hapusdata), then includes it, as if each message had its own commit.
            _owners.WriteLater(ms);
        }

        if (_sessions.TryGet(envelope.Channel, envelope.ChatId, out var stored))
        {
            if (stored.NeedsLastSeen(ms))
            {
                _seen.Add(stored.UserId); // last_seen_at, for the batch's cached owners at once before the commit
            }
        }
        else
        {
            stored = _owners.LoadSession(envelope.Channel, envelope.ChatId, envelope.LanguageHint, ms);
            PinDialogVersions(stored.Session);
        }

        // While a person has the conversation, the owner writes to them: the dialogs stay at the question they were
        // on, so a hand back continues there.
        OutboundMessage? note = null;
        var route = _handoff is null ? HandoffRoute.Dialogs : _handoff.Route(stored.UserId, envelope.Channel, envelope.ChatId, envelope.Message, stored.Session.Language, now, out note);
        if (route == HandoffRoute.Person)
        {
            _sessions.Add(stored);
            var noteId = note is null ? 0 : _outbox.EnqueueReply(stored.UserId, envelope.Channel, envelope.ChatId, note, _coalesceAfter, ms);
            return new HandledMessage(HandledStatus.Forwarded, noteId, note);
        }

        if (route == HandoffRoute.Withdrawn)
        {
            // The owner cancelled before anyone took it: back at the question they were on (a new rendering of it).
            var withdrawn = note!;
            if (_engine.CurrentQuestion(stored.Session) is { } question)
            {
                withdrawn = question with { Text = withdrawn.Text + "\n\n" + question.Text };
                _owners.Save(stored, ms);
                stored.Session.AcceptChanges();
            }

            _sessions.Add(stored);
            var withdrawnId = _outbox.EnqueueReply(stored.UserId, envelope.Channel, envelope.ChatId, withdrawn, _coalesceAfter, ms);
            return new HandledMessage(HandledStatus.Answered, withdrawnId, withdrawn);
        }

        // Not stored with the owner: who is an operator is configuration, and it is checked on every message.
        stored.Session.IsOperator = _operators.IsOperator(envelope.Channel, envelope.ChatId, envelope.Message.SenderPhone);
        var reply = _engine.Handle(stored.Session, envelope.Message, now);
        if (stored.Session.HandoffRequested && _handoff?.Open(stored.UserId, envelope.Channel, envelope.ChatId, stored.Session.Language, now) is { } afterHours)
        {
            reply = reply with { Text = reply.Text + "\n\n" + afterHours };
        }

        _owners.SaveLater(stored, ms); // the step and answers with the batch's others, before the commit
        var outboxId = _outbox.EnqueueReply(stored.UserId, envelope.Channel, envelope.ChatId, reply, _coalesceAfter, ms);
        stored.Session.AcceptChanges();
        if (stored.Session.HasFinished)
        {
            _finishedInBatch.Add(stored.Session);
        }

        _sessions.Add(stored); // every change is saved in this transaction; a rollback clears the cache
        return new HandledMessage(HandledStatus.Answered, outboxId, reply);
    }

    public OutboundMessage? CurrentQuestion(string channel, string chatId, DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        _owners.Locks.Lock(channel, chatId); // in a store's work, after the batch's own locks: see LockOwners
        if (!_sessions.TryGet(channel, chatId, out var stored))
        {
            stored = _owners.LoadSession(channel, chatId, null, ms);
            PinDialogVersions(stored.Session);
        }

        var question = _engine.CurrentQuestion(stored.Session);
        _owners.Save(stored, ms); // showing buttons again counts a rendering: only the newest buttons answer
        stored.Session.AcceptChanges();
        _sessions.Add(stored);
        return question;
    }

    private abstract class WriteRequest
    {
        public abstract void Apply(ConversationWriter writer, DateTimeOffset now);

        /// <summary>Forgets a result computed in a transaction that was rolled back.</summary>
        public abstract void Discard();

        /// <summary>Hands the committed result to the caller; true when new outbox rows may be waiting.</summary>
        public abstract bool Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class InboundRequest(InboundEnvelope envelope) : WriteRequest
    {
        private HandledMessage? _result;

        public InboundEnvelope Envelope { get; } = envelope;

        public TaskCompletionSource<HandledMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Apply(ConversationWriter writer, DateTimeOffset now) => _result = writer.ApplyInbound(Envelope, now);

        public override void Discard() => _result = null;

        public override bool Complete()
        {
            Completion.TrySetResult(_result!);
            return _result!.Status != HandledStatus.Duplicate;
        }

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }

    private sealed class StoreRequest<TStore, T>(TStore store, Func<TStore, DateTimeOffset, T> work) : WriteRequest
        where TStore : IWriteStore
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Apply(ConversationWriter writer, DateTimeOffset now)
        {
            // Counted by the session for every statement that changed a session table, whichever store ran it.
            var sessionWrites = store.Session.WatchedWrites;
            _result = work(store, now);
            if (store.Session.WatchedWrites != sessionWrites)
            {
                writer._sessions.Clear(); // the work changed sessions the cache may hold
            }
        }

        public override void Discard() => _result = default;

        public override bool Complete()
        {
            Completion.TrySetResult(_result!);
            return true;
        }

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }
}
