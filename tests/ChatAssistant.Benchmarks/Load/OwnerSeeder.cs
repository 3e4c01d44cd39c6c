using System.Globalization;
using ChatAssistant.Benchmarks.Support;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// Fills the database with owners before a run, in one transaction and entirely inside SQLite (a recursive
/// counter feeding INSERT ... SELECT), so that a million owners take seconds rather than minutes. Each owner
/// looks like one who stopped half-way through the benchmark dialog: a user row, two profile values, an open
/// conversation waiting at <see cref="BenchDialog.SeededStep"/>, and one answer. The business name is the one the
/// script types, so at "still right?" typing it again confirms it, as an owner re-typing their own name would.
/// </summary>
internal static class OwnerSeeder
{
    public static string ChatId(int index) => (100_000_000 + index).ToString(CultureInfo.InvariantCulture);

    public static void Seed(SqliteConnection connection, int owners, long now)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, owners, now, """
            WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < $owners - 1)
            INSERT INTO users (channel, chat_id, language, created_at, last_seen_at)
            SELECT $channel, CAST(100000000 + i AS TEXT), 'id', $now, $now FROM seq
            """);
        Execute(connection, transaction, owners, now, """
            INSERT INTO profile_values (user_id, key, value, updated_at)
            SELECT id, 'business_name', 't:Toko Sari Rasa', $now FROM users WHERE channel = $channel
            UNION ALL
            SELECT id, 'province', 't:Jawa Barat', $now FROM users WHERE channel = $channel
            """);
        Execute(connection, transaction, owners, now, $"""
            INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at)
            SELECT id, 'bench', 1, '{BenchDialog.SeededStep}', 0, NULL, 'name sales', $now, $now FROM users WHERE channel = $channel ORDER BY id
            """);
        Execute(connection, transaction, owners, now, """
            INSERT INTO answers (conversation_id, key, value, updated_at)
            SELECT id, 'sales', 'm:150000000', $now FROM conversations WHERE dialog_id = 'bench'
            """);
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, int owners, long now, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$owners", owners);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$channel", SimulatedOwners.Channel);
        command.ExecuteNonQuery();
    }
}
