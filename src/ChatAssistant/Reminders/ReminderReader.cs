using System.Data.Common;
using Dapper;

namespace ChatAssistant.Reminders;

/// <summary>
/// Operators' reading of the schedule (<c>reminders list</c>, the reminders report, the console's card), on a
/// connection of their own (no transaction, nothing written), so it is safe beside a running worker. The same SQL
/// runs on SQLite and PostgreSQL: states and kinds go into it as the enum's own constants, never as operators' text.
/// </summary>
internal static class ReminderReader
{
    /// <summary>The states <c>reminders list</c> shows by default: still to come (waiting for their time, or in the outbox).</summary>
    public static IReadOnlyList<ReminderState> StillToCome { get; } = [ReminderState.Scheduled, ReminderState.Queued];

    /// <summary>
    /// Reminders in <paramref name="states"/> (of <paramref name="kind"/> when given, due before
    /// <paramref name="dueBefore"/> when given) with their owner's channel and chat id, soonest first.
    /// </summary>
    public static IReadOnlyList<ReminderListing> List(DbConnection connection, IReadOnlyCollection<ReminderState> states, ReminderKind? kind, DateTimeOffset? dueBefore)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            return [];
        }

        var where = new List<string> { $"r.state IN ({string.Join(", ", states.Select(s => $"'{s.Name()}'"))})" };
        if (kind is not null)
        {
            where.Add("r.kind = @kind");
        }

        if (dueBefore is not null)
        {
            where.Add("r.due_at < @before");
        }

        return connection.Query<(long Id, string Kind, long UserId, string Channel, string ChatId, string Subject, long DueAt, string State, string? Reason)>(
                $"""
                SELECT r.id, r.kind, r.user_id, u.channel, u.chat_id, r.subject, r.due_at, r.state, r.reason
                FROM reminders r JOIN users u ON u.id = r.user_id
                WHERE {string.Join(" AND ", where)}
                ORDER BY r.due_at, r.id
                """,
                new { kind = kind?.Name(), before = dueBefore?.ToUnixTimeMilliseconds() })
            .Select(r => ReminderKinds.TryParse(r.Kind, out var known)
                ? new ReminderListing(r.Id, known, r.UserId, r.Channel, r.ChatId, r.Subject, DateTimeOffset.FromUnixTimeMilliseconds(r.DueAt), ReminderStates.Parse(r.State), r.Reason)
                : null) // a kind a later release added: not this release's to show
            .OfType<ReminderListing>()
            .ToList();
    }

    /// <summary>Every kind this release knows, in its order, with its reminders counted by state and the skipped ones by reason (zeros included).</summary>
    public static IReadOnlyList<ReminderKindCount> CountsByKind(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = connection.Query<(string Kind, string State, string? Reason, long Count)>(
                "SELECT kind, state, reason, COUNT(*) FROM reminders GROUP BY kind, state, reason")
            .AsList();
        return ReminderKinds.All
            .Select(kind =>
            {
                var of = rows.Where(r => r.Kind == kind.Name()).ToList();
                var byState = ReminderStates.All.ToDictionary(
                    s => s,
                    s => (int)of.Where(r => ReminderStates.Parse(r.State) == s).Sum(r => r.Count));
                var skipped = of
                    .Where(r => ReminderStates.Parse(r.State) == ReminderState.Skipped)
                    .GroupBy(r => r.Reason ?? ReminderKindCount.NoReason, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (int)g.Sum(r => r.Count), StringComparer.Ordinal);
                return new ReminderKindCount(kind, byState, skipped);
            })
            .ToList();
    }

    /// <summary>The ratings owners gave after a training (<c>training_registrations.rating</c>), per programme with any, by programme id.</summary>
    public static IReadOnlyList<TrainingRating> Ratings(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // The sum, not AVG: PostgreSQL's AVG of integers is NUMERIC, SQLite's a REAL; the division is done here.
        return connection.Query<(string ProgramId, long Count, long Sum)>(
                """
                SELECT program_id, COUNT(rating), CAST(SUM(rating) AS BIGINT) FROM training_registrations
                WHERE rating IS NOT NULL
                GROUP BY program_id
                ORDER BY program_id
                """)
            .Select(r => new TrainingRating(r.ProgramId, (int)r.Count, (double)r.Sum / r.Count))
            .ToList();
    }
}

/// <summary>One reminder as operators see it listed: its owner by user id and chat (shown masked), what it is about and where it stands.</summary>
internal sealed record ReminderListing(long Id, ReminderKind Kind, long UserId, string Channel, string ChatId, string Subject, DateTimeOffset DueAt, ReminderState State, string? Reason);

/// <summary>One kind's reminders by state, and the skipped ones by why (<see cref="ReminderReasons"/>).</summary>
internal sealed record ReminderKindCount(ReminderKind Kind, IReadOnlyDictionary<ReminderState, int> ByState, IReadOnlyDictionary<string, int> SkippedBy)
{
    /// <summary>The reason of a skipped reminder stored without one (not expected; counted rather than lost).</summary>
    public const string NoReason = "(none)";

    /// <summary>The reasons a reminder is skipped for, each with a column of its own in the report whether or not any was.</summary>
    public static IReadOnlyList<string> SkipReasons { get; } =
        [ReminderReasons.TurnedOff, ReminderReasons.OptedOut, ReminderReasons.Unreachable, ReminderReasons.OutsideWindow, ReminderReasons.TooLate];

    public int Count(ReminderState state) => ByState.GetValueOrDefault(state);

    public int Skipped(string reason) => SkippedBy.GetValueOrDefault(reason);

    /// <summary>Still to come: waiting for its time or in the outbox (what the console shows as scheduled).</summary>
    public int ToCome => Count(ReminderState.Scheduled) + Count(ReminderState.Queued);

    public int Total => ByState.Values.Sum();
}

/// <summary>How owners rated one programme after it: how many ratings and their average.</summary>
internal sealed record TrainingRating(string ProgramId, int Count, double Average);
