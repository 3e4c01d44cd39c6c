namespace ChatAssistant.Storage.Sqlite;

internal sealed class SqliteDialect : ISqlDialect
{
    public static SqliteDialect Instance { get; } = new();

    public string InsertIgnore => "ON CONFLICT DO NOTHING";

    public bool StatementsAreRoundTrips => false;

    public string SkipLocked => string.Empty; // the writer's BEGIN IMMEDIATE already holds the whole file

    public string? TransactionLock => null;

    public string? TransactionLocks => null;

    public string ForUpdate => string.Empty; // the writer holds the whole file already

    public string? Notify(string channel) => null; // one process per file: its writer wakes its senders in memory

    public string? ChangeCounter => "PRAGMA data_version"; // this connection's own commits do not change it

    public string Upsert(string keyColumns, params ReadOnlySpan<string> updated)
    {
        var set = new string[updated.Length];
        for (var i = 0; i < updated.Length; i++)
        {
            set[i] = updated[i] + " = excluded." + updated[i];
        }

        return "ON CONFLICT (" + keyColumns + ") DO UPDATE SET " + string.Join(", ", set);
    }

    public string Returning(string columns) => "RETURNING " + columns;

    public string ReturningId => string.Empty;

    public string Greatest(string left, string right) => "max(" + left + ", " + right + ")";

    public string AsInteger(string condition) => "(" + condition + ")";

    public string ColumnNames(string table) => "SELECT name FROM pragma_table_info('" + table + "')";

    // INTEGER PRIMARY KEY: the rowid itself, no second index.
    public string TemporaryKeys(string table, string column) => "CREATE TEMP TABLE IF NOT EXISTS " + table + " (" + column + " INTEGER PRIMARY KEY)";

    public string OrderedJoin => "CROSS JOIN";

    public string SkipLockedOf(string table) => string.Empty;
}
