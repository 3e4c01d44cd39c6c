using System.Data.Common;
using System.Text;
using ChatAssistant.Shared;
using ChatAssistant.Training;
using Dapper;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// What a segment has in the database, read only: how many owners it reaches now, who its filters match but it leaves
/// out and why, how many WhatsApp owners are outside the 24-hour window, and the values owners have (for
/// <see cref="SegmentChecks"/>). On the writer's session inside its transaction (<see cref="BroadcastStore.Segments"/>:
/// the command line and /siaran count and create in one), or on a reading connection of its own (the console's live
/// count, which must not queue behind owners' messages on the writer).
/// </summary>
internal sealed class SegmentReader(DbConnection connection, DbTransaction? transaction = null)
{
    /// <summary>How many owners a segment has now, and a few of them (channel, chat id, language, province) for a preview.</summary>
    public (int Count, IReadOnlyList<(string Channel, string ChatId, string Language, string? Province)> Sample) PreviewSegment(BroadcastSegment segment, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var parameters = new DynamicParameters();
        var where = new StringBuilder();
        SegmentSql.AppendConditions(segment, where, parameters);
        var total = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM users u WHERE " + where, parameters, transaction);

        parameters.Add("limit", sampleSize);
        var sample = connection.Query<(string, string, string, string?)>(
            $"SELECT u.channel, u.chat_id, u.language, (SELECT {SegmentSql.Text("p.value")} FROM profile_values p WHERE p.user_id = u.id AND p.key = 'province') FROM users u WHERE "
                + where + " ORDER BY u.last_seen_at DESC LIMIT @limit",
            parameters,
            transaction).AsList();
        return (total, sample);
    }

    /// <summary>
    /// Who a segment's filters match but the segment leaves out, and why: owners who only used the terminal chat
    /// (announcements go to chat apps), owners who opted out (/berhenti), and owners the channel reported
    /// unreachable (they blocked the assistant). Each owner is counted once, under the first reason.
    /// </summary>
    public SegmentExclusions ExcludedFromSegment(BroadcastSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var parameters = new DynamicParameters();
        var where = new StringBuilder();
        SegmentSql.AppendConditions(segment, where, parameters, reachableOnly: false);
        var (terminal, optedOut, unreachable) = connection.QuerySingle<(long, long, long)>(
            $"""
            SELECT coalesce(SUM(CASE WHEN u.channel = '{SegmentSql.TerminalChannel}' THEN 1 ELSE 0 END), 0),
                   coalesce(SUM(CASE WHEN u.channel <> '{SegmentSql.TerminalChannel}' AND u.opted_out_at IS NOT NULL THEN 1 ELSE 0 END), 0),
                   coalesce(SUM(CASE WHEN u.channel <> '{SegmentSql.TerminalChannel}' AND u.opted_out_at IS NULL AND u.unreachable_at IS NOT NULL THEN 1 ELSE 0 END), 0)
            FROM users u WHERE
            """ + " " + where,
            parameters,
            transaction);
        return new SegmentExclusions((int)terminal, (int)optedOut, (int)unreachable);
    }

    /// <summary>
    /// How many of a segment's owners are on a channel with a customer-service window (WhatsApp) and outside it now:
    /// they get the broadcast's template, or nothing and are counted, unless they write before their turn.
    /// </summary>
    public int OutsideWindow(BroadcastSegment segment, long now)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var parameters = new DynamicParameters();
        var where = new StringBuilder();
        SegmentSql.AppendConditions(segment, where, parameters);
        parameters.Add("windowed", Shared.ChannelNames.WhatsApp);
        parameters.Add("openSince", CustomerServiceWindow.OpenSince(now));
        return connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM users u WHERE " + where + " AND u.channel = @windowed AND u.last_seen_at < @openSince", parameters, transaction);
    }

    /// <summary>Whether any owner has written on <paramref name="channel"/> (reads one row along users' (channel, chat_id) key).</summary>
    public bool HasOwnersOn(string channel) =>
        connection.ExecuteScalar<long>("SELECT CASE WHEN EXISTS (SELECT 1 FROM users WHERE channel = @channel) THEN 1 ELSE 0 END", new { channel }, transaction) == 1;

    /// <summary>Sector values owners have (the text part of profile key 'sector').</summary>
    public HashSet<string> KnownSectors() =>
        Distinct($"SELECT DISTINCT {SegmentSql.Text("value")} FROM profile_values WHERE key = 'sector'");

    /// <summary>Outcomes finished conversations of this dialog ended with.</summary>
    public HashSet<string> OutcomesOf(string dialogId) =>
        Distinct($"SELECT DISTINCT outcome FROM conversations WHERE dialog_id = @dialog AND status = {SegmentSql.Completed} AND outcome IS NOT NULL", new { dialog = dialogId });

    /// <summary>Dialogs with at least one finished conversation that has an outcome.</summary>
    public HashSet<string> DialogsWithOutcomes() =>
        Distinct($"SELECT DISTINCT dialog_id FROM conversations WHERE status = {SegmentSql.Completed} AND outcome IS NOT NULL");

    /// <summary>
    /// The values saved under an answer key: only <paramref name="value"/> when some owner has it, else up to 200 others.
    /// Answers have no index on their key: the values are read only for the one key asked (operators' checks, never
    /// on an owner's message).
    /// </summary>
    public HashSet<string> AnswerValues(string key, string value) =>
        connection.ExecuteScalar<long>(
            $"SELECT CASE WHEN EXISTS (SELECT 1 FROM answers WHERE key = @key AND {SegmentSql.Text("value")} = @value) THEN 1 ELSE 0 END", new { key, value }, transaction) == 1
            ? new HashSet<string>(StringComparer.Ordinal) { value }
            : Distinct($"SELECT DISTINCT {SegmentSql.Text("value")} FROM answers WHERE key = @key LIMIT 200", new { key });

    /// <summary>
    /// Every key answers are saved under (read only when the key asked for has none), without the engine's own
    /// keys (<c>@check</c>, <c>@misses</c>, start parameters): they begin with '@', which no dialog's key has.
    /// </summary>
    public HashSet<string> AnswerKeys() => Distinct("SELECT DISTINCT key FROM answers WHERE key NOT LIKE '@%'");

    /// <summary>Programmes with at least one registration that is not cancelled.</summary>
    public HashSet<string> ProgrammesWithRegistrations() =>
        Distinct($"SELECT DISTINCT program_id FROM training_registrations WHERE status <> '{RegistrationStatuses.Cancelled}'");

    private HashSet<string> Distinct(string sql, object? parameters = null) =>
        connection.Query<string>(sql, parameters, transaction).ToHashSet(StringComparer.Ordinal);
}
