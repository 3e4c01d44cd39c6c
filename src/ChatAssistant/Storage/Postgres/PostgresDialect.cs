namespace ChatAssistant.Storage.Postgres;

internal sealed class PostgresDialect : ISqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public string InsertIgnore => "ON CONFLICT DO NOTHING";

    public bool StatementsAreRoundTrips => true;

    public string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public string? TransactionLock => "SELECT pg_advisory_xact_lock(@key)";

    // unnest yields the keys in the array's order, so the locks are taken in that order.
    public string? TransactionLocks => "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(@keys) AS k";

    public string ForUpdate => " FOR UPDATE";

    // No cheap "another session committed" counter: other replicas write all the time, so the writer keeps no
    // sessions between batches (ChangedByOthers is always true) and reads each owner's row under the owner's lock.
    public string? ChangeCounter => null;

    public string Upsert(string keyColumns, params ReadOnlySpan<string> updated)
    {
        var set = new string[updated.Length];
        for (var i = 0; i < updated.Length; i++)
        {
            set[i] = updated[i] + " = excluded." + updated[i];
        }

        return "ON CONFLICT (" + keyColumns + ") DO UPDATE SET " + string.Join(", ", set);
    }

    public string? Notify(string channel) => "SELECT pg_notify('" + channel + "', '')";

    public string Returning(string columns) => "RETURNING " + columns;

    public string ReturningId => "RETURNING id";

    public string Greatest(string left, string right) => "GREATEST(" + left + ", " + right + ")";

    public string AsInteger(string condition) => "(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";

    public string ColumnNames(string table) =>
        "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '" + table + "'";

    public string TemporaryKeys(string table, string column) => "CREATE TEMP TABLE IF NOT EXISTS " + table + " (" + column + " BIGINT PRIMARY KEY)";

    public string OrderedJoin => "JOIN";

    public string SkipLockedOf(string table) => " FOR UPDATE OF " + table + " SKIP LOCKED";
}
