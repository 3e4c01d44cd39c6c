using System.Data.Common;
using Dapper;

namespace ChatAssistant.Reports;

/// <summary>
/// The reports' queries: operators' reading on a connection of their own (no transaction, nothing written), so
/// they are safe beside a running worker.
/// </summary>
internal static class ReportStore
{
    /// <summary>
    /// Conversations of one dialog started at or after <paramref name="since"/> (Unix ms), counted by their owner's
    /// channel, status, resting step and outcome.
    /// </summary>
    public static IReadOnlyList<(string Channel, int Status, string StepId, string? Outcome, int Count)> ConversationsByStep(DbConnection connection, string dialogId, long since) =>
        connection.Query<(string Channel, long Status, string StepId, string? Outcome, long Count)>(
                """
                SELECT u.channel, c.status, c.step_id, c.outcome, COUNT(*) FROM conversations c
                JOIN users u ON u.id = c.user_id
                WHERE c.dialog_id = @dialog AND c.started_at >= @since
                GROUP BY u.channel, c.status, c.step_id, c.outcome
                """,
                new { dialog = dialogId, since })
            .Select(r => (r.Channel, (int)r.Status, r.StepId, r.Outcome, (int)r.Count))
            .ToList();
}
