using System.Data.Common;
using ChatAssistant.Broadcasts;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;
using Dapper;

namespace ChatAssistant.OperatorConsole.Dashboard;

/// <summary>
/// The dashboard's queries: operators' reading on a connection of their own (no transaction, nothing written), so
/// they are safe beside a running worker. Days are WIB days, counted in SQL from Unix milliseconds so that only one
/// row per day (not per conversation) leaves the database.
/// </summary>
internal static class DashboardStore
{
    private const long DayMs = 86_400_000;

    /// <summary>Owners per channel and language, each with how many were seen since <paramref name="today"/> and since <paramref name="weekStart"/>.</summary>
    public static IReadOnlyList<OwnerCount> Owners(DbConnection connection, DateTimeOffset today, DateTimeOffset weekStart) =>
        connection.Query<(string Channel, string Language, long Owners, long Today, long Week)>(
                """
                SELECT channel, language, COUNT(*),
                       COALESCE(SUM(CASE WHEN last_seen_at >= @today THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN last_seen_at >= @week THEN 1 ELSE 0 END), 0)
                FROM users
                GROUP BY channel, language
                ORDER BY channel, language
                """,
                new { today = today.ToUnixTimeMilliseconds(), week = weekStart.ToUnixTimeMilliseconds() })
            .Select(r => new OwnerCount(r.Channel, r.Language, (int)r.Owners, (int)r.Today, (int)r.Week))
            .ToList();

    /// <summary>
    /// Conversations started and completed on each WIB day from <paramref name="first"/> to <paramref name="last"/>
    /// per dialog id (days without any are left out). A conversation counts as completed on the
    /// day of its last update: a completed conversation is never changed afterwards.
    /// </summary>
    public static IReadOnlyList<(string DialogId, DateOnly Day, int Started, int Completed)> DialogsPerDay(DbConnection connection, DateOnly first, DateOnly last)
    {
        var from = Wib.StartOf(first).ToUnixTimeMilliseconds();
        var to = Wib.StartOf(last.AddDays(1)).ToUnixTimeMilliseconds();
        var shift = (long)Wib.Offset.TotalMilliseconds;
        var started = connection.Query<(string DialogId, long Day, long Count)>(
            "SELECT dialog_id, (started_at + @shift) / @day, COUNT(*) FROM conversations WHERE started_at >= @from AND started_at < @to GROUP BY dialog_id, (started_at + @shift) / @day",
            new { shift, day = DayMs, from, to });
        var completed = connection.Query<(string DialogId, long Day, long Count)>(
            $"SELECT dialog_id, (updated_at + @shift) / @day, COUNT(*) FROM conversations WHERE status = {(int)ConversationStatus.Completed} AND updated_at >= @from AND updated_at < @to GROUP BY dialog_id, (updated_at + @shift) / @day",
            new { shift, day = DayMs, from, to });

        var counts = new Dictionary<(string, long), (int Started, int Completed)>();
        foreach (var (dialog, day, count) in started)
        {
            var now = counts.GetValueOrDefault((dialog, day));
            counts[(dialog, day)] = (now.Started + (int)count, now.Completed);
        }

        foreach (var (dialog, day, count) in completed)
        {
            var now = counts.GetValueOrDefault((dialog, day));
            counts[(dialog, day)] = (now.Started, now.Completed + (int)count);
        }

        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        return counts
            .Select(c => (DialogId: c.Key.Item1, Day: DateOnly.FromDayNumber(epoch + (int)c.Key.Item2), c.Value.Started, c.Value.Completed))
            .OrderBy(c => c.Day)
            .ThenBy(c => c.DialogId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The announcements scheduled or sending, soonest first, with the start of their Indonesian text.</summary>
    public static IReadOnlyList<(long Id, string Text)> OpenBroadcasts(DbConnection connection) =>
        connection.Query<(long Id, string Text)>(
                $"SELECT id, text_id FROM broadcasts WHERE status IN ('{BroadcastStatuses.Scheduled}', '{BroadcastStatuses.Sending}') ORDER BY scheduled_at, id")
            .AsList();
}

/// <summary>Owners of one channel who talk in one language, and how many of them were seen today and in the last seven days.</summary>
internal sealed record OwnerCount(string Channel, string Language, int Owners, int ActiveToday, int ActiveWeek);
