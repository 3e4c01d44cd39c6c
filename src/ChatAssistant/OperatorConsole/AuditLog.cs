using System.Data.Common;
using ChatAssistant.Storage;
using Dapper;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// Every operator action in the console, one row each, written in the writer's order (after what was queued before
/// it), so the log shows actions in the order they took effect.
/// </summary>
internal sealed class AuditLog(IStoreWriter writer, ConsoleStore store)
{
    /// <summary>The action names the log uses; pages add theirs here.</summary>
    public static class Actions
    {
        public const string SignedIn = "signed_in";
        public const string SignedOut = "signed_out";
        public const string BroadcastCreated = "broadcast_created";
        public const string BroadcastCancelled = "broadcast_cancelled";
        public const string HandoffTaken = "handoff_taken";
        public const string HandoffReplySent = "handoff_reply_sent";
        public const string HandoffHandedBack = "handoff_handed_back";
        public const string HandoffClosed = "handoff_closed";
        public const string ExportDownloaded = "export_downloaded";
    }

    public Task<long> WriteAsync(ConsoleOperator who, string action, string? detail, CancellationToken cancellationToken) =>
        writer.RunAsync(store, (s, now) => s.Audit(who, action, detail, now), cancellationToken);

    /// <summary>The newest <paramref name="limit"/> rows, newest first, read on a connection of the caller's.</summary>
    public static IReadOnlyList<AuditEntry> Newest(DbConnection connection, int limit) =>
        connection.Query<(long Id, long At, string Operator, string Action, string? Detail)>(
                "SELECT id, at, operator, action, detail FROM console_audit ORDER BY id DESC LIMIT @limit", new { limit })
            .Select(r => new AuditEntry(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Operator, r.Action, r.Detail))
            .ToList();
}

/// <summary>One row of the audit log.</summary>
internal sealed record AuditEntry(long Id, DateTimeOffset At, string Operator, string Action, string? Detail);
