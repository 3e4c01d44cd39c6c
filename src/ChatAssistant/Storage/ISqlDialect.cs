namespace ChatAssistant.Storage;

/// <summary>
/// The SQL that differs between database engines, for stores to build their statements from (once, when they are
/// prepared). Everything else the stores write is SQL both SQLite and PostgreSQL read alike: named parameters
/// (<c>@name</c>), <c>ON CONFLICT</c>, <c>RETURNING</c>, times as Unix milliseconds in 64-bit integers
/// (<see cref="StoredTime"/>) and JSON kept as text encoded in C#.
/// </summary>
internal interface ISqlDialect
{
    /// <summary>The clause that makes an INSERT update <paramref name="updated"/> when a row with the same key exists.</summary>
    string Upsert(string keyColumns, params ReadOnlySpan<string> updated);

    /// <summary>The clause that makes an INSERT do nothing when the row exists.</summary>
    string InsertIgnore { get; }

    /// <summary>
    /// Whether each statement is a round trip to a server (PostgreSQL): then a batch's rows are worth gathering into one
    /// multi-row statement. Where a statement is a call within the process (SQLite), a small statement per row can cost
    /// less than a multi-row one whose rows must be read back.
    /// </summary>
    bool StatementsAreRoundTrips { get; }

    /// <summary>The clause that makes an INSERT or UPDATE return <paramref name="columns"/> of the rows it wrote.</summary>
    string Returning(string columns);

    /// <summary>
    /// The end of an INSERT into a table keyed by <c>id INTEGER PRIMARY KEY</c> (on SQLite, the row id), for
    /// <see cref="PreparedCommand.Insert"/> to read the new row's id: <c>RETURNING id</c> on PostgreSQL; nothing on SQLite,
    /// where the connection knows the row it inserted last, and RETURNING would cost each run a table of its rows
    /// (1.6-2.4 µs on top of an outbox insert's 5.1, measured alone).
    /// </summary>
    string ReturningId { get; }

    /// <summary>The larger of two values (a scalar function, not the aggregate).</summary>
    string Greatest(string left, string right);

    /// <summary>A condition as the integer 1 or 0, to add to a counter.</summary>
    string AsInteger(string condition);

    /// <summary>
    /// The clause after a SELECT that claims rows for this transaction and passes over rows another transaction has
    /// claimed (PostgreSQL's <c>FOR UPDATE SKIP LOCKED</c>); empty where one writer holds the whole database (SQLite).
    /// </summary>
    string SkipLocked { get; }

    /// <summary>
    /// A statement taking a lock on <c>@key</c> (a <see cref="LockKey"/>) until the transaction ends, so that
    /// replicas writing the same database serialise work on one owner or one programme's seats; null where one writer
    /// holds the whole database for each transaction (SQLite).
    /// </summary>
    string? TransactionLock { get; }

    /// <summary>
    /// The form of <see cref="TransactionLock"/> for many keys in one statement: a lock on each key of the array parameter
    /// <c>@keys</c>, taken in the array's order (callers sort them, so that two transactions never wait for each other
    /// in a circle); null where <see cref="TransactionLock"/> is.
    /// </summary>
    string? TransactionLocks { get; }

    /// <summary>
    /// The clause after a SELECT that locks the rows it read until the transaction ends, so that another transaction
    /// changing them waits for this one (PostgreSQL's <c>FOR UPDATE</c>); empty where one writer holds the whole
    /// database (SQLite).
    /// </summary>
    string ForUpdate { get; }

    /// <summary>
    /// A statement that, run in a transaction, tells other processes listening on <paramref name="channel"/> when
    /// the transaction commits (PostgreSQL's <c>pg_notify</c>), or null where no other process writes (SQLite).
    /// </summary>
    string? Notify(string channel);

    /// <summary>
    /// A query returning a number that changes when another connection commits (not when this one does), or null
    /// when the engine has none: then every write session must assume others wrote.
    /// </summary>
    string? ChangeCounter { get; }

    /// <summary>
    /// A query of one column, <c>name</c>, with a row per column of <paramref name="table"/> (none when there is no
    /// such table): for readers of a table another feature owns, or that an older schema lacks.
    /// </summary>
    string ColumnNames(string table);

    /// <summary>
    /// The statement that creates, for this connection only and when it is missing, a table of one 64-bit integer key
    /// <paramref name="column"/>: the ids a statement picks for the next few to act on.
    /// </summary>
    string TemporaryKeys(string table, string column);

    /// <summary>A join the engine takes in the order it is written (SQLite: CROSS JOIN; PostgreSQL plans joins by itself).</summary>
    string OrderedJoin { get; }

    /// <summary>
    /// The end of a SELECT that claims the rows it reads of <paramref name="table"/> (an alias of the FROM list) until
    /// the transaction ends, passing over rows another transaction holds: nothing on SQLite, whose one writer holds
    /// the whole database; FOR UPDATE OF table SKIP LOCKED on PostgreSQL, where replicas claim side by side.
    /// </summary>
    string SkipLockedOf(string table);
}
