namespace ChatAssistant.Storage.Postgres;

/// <summary>The schema on PostgreSQL: the same numbered steps as <see cref="Sqlite.SqliteMigrations"/>, in PostgreSQL's types.</summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<Migration> All { get; } = [];
}
