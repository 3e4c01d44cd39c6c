using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Storage;

/// <summary>
/// The one writer's hold on the database: one connection, its statements prepared once
/// (<see cref="Prepare(string)"/>), and the single-writer transaction they all run in (<see cref="Begin"/>,
/// <see cref="Commit"/>, <see cref="Rollback"/>). Every feature's store takes this session, so a message's
/// dedup record, conversation, answers, registrations and reply commit or roll back together. Used by one thread at
/// a time (the conversation writer, or an operator verb), because the engine takes one write transaction at a time
/// and preparing statements per call would dominate the message path.
/// </summary>
internal sealed class WriteSession : IDisposable
{
    private readonly IStorageProvider _provider;
    private readonly ILogger _logger;
    private readonly DbConnection _connection;
    private readonly List<PreparedCommand> _commands = [];
    private readonly HashSet<string> _watched = new(StringComparer.Ordinal);
    private readonly IDisposable _housekeeping;
    private readonly Dictionary<string, PreparedCommand?> _notices = new(StringComparer.Ordinal);
    private PreparedCommand? _changeCounter;
    private PreparedCommand? _transactionLock;
    private long _lastChange = -1;
    private DbTransaction? _transaction;
    private bool _scrubAfterCommit;
    private int _reopened;

    /// <summary>Opens the writer's connection and brings the schema up to date.</summary>
    /// <param name="logger">Where a connection the server broke and this session opened again is told (nowhere when null).</param>
    public WriteSession(IStorageProvider provider, TimeProvider time, ILogger? logger = null)
    {
        _provider = provider;
        _logger = logger ?? NullLogger.Instance;
        _connection = provider.Open();
        try
        {
            MigrationRunner.Apply(_connection, provider, time);
            provider.PrepareWriter(_connection);
            _housekeeping = provider.StartHousekeeping();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public ISqlDialect Dialect => _provider.Dialect;

    /// <summary>The session's connection, for reads that are not worth a prepared statement (operator verbs, tests).</summary>
    public DbConnection Connection => _connection;

    /// <summary>The transaction in progress, or null.</summary>
    internal DbTransaction? Transaction => _transaction;

    /// <summary>Runs of this session's statements that changed a watched table (see <see cref="Watch"/>).</summary>
    public long WatchedWrites { get; private set; }

    internal int WatchVersion { get; private set; }

    /// <summary>
    /// Counts, from now on, every run of a statement that changes one of <paramref name="tables"/>, in
    /// <see cref="WatchedWrites"/>: the owner of a cache over those tables learns of every write by any store.
    /// </summary>
    public void Watch(params ReadOnlySpan<string> tables)
    {
        foreach (var table in tables)
        {
            _watched.Add(table.ToLowerInvariant());
        }

        WatchVersion++;
    }

    internal bool IsWatched(IReadOnlyList<string> tables)
    {
        foreach (var table in tables)
        {
            if (_watched.Contains(table))
            {
                return true;
            }
        }

        return false;
    }

    internal void CountWatchedWrite() => WatchedWrites++;

    /// <summary>Prepares a statement bound by the <c>@name</c>s in its text; it runs in whichever transaction is in progress.</summary>
    public PreparedCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        var prepared = new PreparedCommand(this, command, SqlText.Parameters(sql));
        _commands.Add(prepared);
        return prepared;
    }

    /// <summary>
    /// Starts the write transaction, taking the write lock now (never upgraded later). A connection the server broke
    /// since the last transaction (PostgreSQL restarted, failed over, or ended this session) is opened again first.
    /// </summary>
    public void Begin()
    {
        ReopenIfBroken();
        _transaction = _provider.BeginWrite(_connection);
        foreach (var command in _commands)
        {
            command.Command.Transaction = _transaction;
        }
    }

    public void Commit()
    {
        _transaction!.Commit();
        EndTransaction();
        if (_scrubAfterCommit)
        {
            _scrubAfterCommit = false;
            _provider.ScrubAfterErase(_connection);
        }
    }

    /// <summary>Undoes the transaction in progress, if any.</summary>
    public void Rollback()
    {
        _scrubAfterCommit = false;
        if (_transaction is null)
        {
            return;
        }

        try
        {
            _transaction.Rollback();
        }
        catch (DbException)
        {
            // The engine already rolled back (SQLite ends the transaction itself on a full disk or an I/O error).
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException && _connection.State != ConnectionState.Open)
        {
            // The connection broke under the transaction: the server rolled it back when the session ended.
        }

        EndTransaction();
    }

    /// <summary>
    /// Tells the other processes listening on <paramref name="channel"/> (<see cref="IReplicaNotices"/>) that this
    /// transaction wrote what they wait for: delivered when it commits, dropped when it rolls back. Nothing where no
    /// other process writes the database (SQLite).
    /// </summary>
    public void NotifyOnCommit(string channel)
    {
        if (!_notices.TryGetValue(channel, out var notice))
        {
            notice = _provider.Dialect.Notify(channel) is { } sql ? Prepare(sql) : null;
            _notices.Add(channel, notice);
        }

        notice?.Scalar();
    }

    /// <summary>
    /// Asks for the erased bytes to leave the engine's files once this transaction is durable (a checkpoint cannot
    /// run inside it); a rollback drops the request.
    /// </summary>
    public void ScrubAfterCommit() => _scrubAfterCommit = true;

    /// <summary>
    /// True when another connection (another process, a tool) may have committed since the last call, so that what
    /// this session read before may be stale. True on the first call, and always when the engine cannot tell.
    /// </summary>
    public bool ChangedByOthers()
    {
        if (_provider.Dialect.ChangeCounter is not { } sql)
        {
            return true;
        }

        _changeCounter ??= Prepare(sql);
        var change = Convert.ToInt64(_changeCounter.Scalar(), System.Globalization.CultureInfo.InvariantCulture);
        var changed = change != _lastChange;
        _lastChange = change;
        return changed;
    }

    /// <summary>
    /// Holds <paramref name="key"/> (see <see cref="LockKey"/>) until this transaction ends: another replica's transaction
    /// asking for the same key waits for this one to commit. Nothing where the engine has one writer (SQLite). Take
    /// several keys in ascending order, so two transactions never wait for each other in a circle.
    /// </summary>
    public void LockForTransaction(long key)
    {
        if (_provider.Dialect.TransactionLock is not { } sql)
        {
            return;
        }

        _transactionLock ??= Prepare(sql);
        _transactionLock.Set("@key", key).Scalar();
    }

    /// <summary>True for an error that passes by itself: the work may be tried again later.</summary>
    public bool IsTransient(Exception exception) => _provider.IsTransient(exception);

    /// <summary>
    /// Opens the connection again when the server broke it: otherwise every batch fails as a passing error for ever
    /// after a PostgreSQL restart, and the replica answers no one until it is restarted itself. The statements stay
    /// bound to the same connection object and are prepared again on the new server session (Npgsql prepares
    /// automatically by text, per physical connection). While the server is still down, opening throws a passing
    /// error and the writer tries again later, as for any other.
    /// </summary>
    private void ReopenIfBroken()
    {
        if (_connection.State == ConnectionState.Open)
        {
            return;
        }

        var was = _connection.State;
        _connection.Close(); // from Broken to Closed: a broken connection cannot be opened as it is
        _connection.Open();
        _provider.PrepareWriter(_connection);
        _lastChange = -1; // what another session committed meanwhile is unknown
        Log.WriterReopened(_logger, was, ++_reopened);
    }

    private void EndTransaction()
    {
        _transaction!.Dispose();
        _transaction = null;
        foreach (var command in _commands)
        {
            command.Command.Transaction = null;
        }
    }

    public void Dispose()
    {
        _housekeeping.Dispose();
        Rollback();
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }
}
