using System.Data.Common;
using Dapper;

namespace ChatAssistant.Reports;

/// <summary>
/// The reports' queries: operators' reading on a connection of their own (no transaction, nothing written), so
/// they are safe beside a running worker.
/// </summary>
internal static class ReportStore
{
    /// <summary>Conversations of one dialog started at or after <paramref name="since"/> (Unix ms), counted by status, resting step and outcome.</summary>
    public static IReadOnlyList<(int Status, string StepId, string? Outcome, int Count)> ConversationsByStep(DbConnection connection, string dialogId, long since) =>
        connection.Query<(long Status, string StepId, string? Outcome, long Count)>(
                """
                SELECT status, step_id, outcome, COUNT(*) FROM conversations
                WHERE dialog_id = @dialog AND started_at >= @since
                GROUP BY status, step_id, outcome
                """,
                new { dialog = dialogId, since })
            .Select(r => ((int)r.Status, r.StepId, r.Outcome, (int)r.Count))
            .ToList();
}
