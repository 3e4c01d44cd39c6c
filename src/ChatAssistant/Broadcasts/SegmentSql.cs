using System.Globalization;
using System.Text;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Shared;
using ChatAssistant.Training;
using Dapper;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// What a segment is in SQL, for the broadcast store: its filters as conditions on owner <c>u</c> (a row of
/// <c>users</c>), with named parameters. The storage encodings it relies on are named where they come from:
/// profile values and answers are stored serialized (<see cref="DialogValue.Serialize"/>: "t:micro"), a finished
/// conversation is <see cref="ConversationStatus.Completed"/>, a cancelled registration is
/// <see cref="RegistrationStatuses.Cancelled"/>, and owners of the terminal chat are never announced to.
/// </summary>
internal static class SegmentSql
{
    /// <summary>The channel name of the terminal chat (the <c>chat</c> verb): nothing can be sent to it unasked.</summary>
    public const string TerminalChannel = ChannelNames.Console;

    /// <summary><see cref="ConversationStatus.Completed"/> as <c>conversations.status</c> stores it.</summary>
    public static readonly string Completed = ((int)ConversationStatus.Completed).ToString(CultureInfo.InvariantCulture);

    /// <summary>The part of a stored text value after its kind prefix ("t:micro" gives "micro").</summary>
    public const string StoredText = "substr({0}, 3)";

    /// <summary>
    /// Appends the segment's conditions on owner <c>u</c> to a WHERE clause, with their parameters. Opted-out,
    /// unreachable and terminal (console) owners are never in a segment; with <paramref name="reachableOnly"/>
    /// false the filters alone apply, to count who the segment leaves out and why.
    /// </summary>
    public static void AppendConditions(BroadcastSegment segment, StringBuilder sql, DynamicParameters parameters, bool reachableOnly = true)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        sql.Append(reachableOnly ? $"u.channel <> '{TerminalChannel}' AND u.opted_out_at IS NULL AND u.unreachable_at IS NULL" : "1 = 1");
        var index = 0;
        InProfile("province", segment.Provinces);
        InProfile("sector", segment.Sectors);
        InProfile("scale", segment.Classes);
        if (segment.Language is { } language)
        {
            sql.Append(" AND u.language = ").Append(Parameter(language));
        }

        if (segment.OutcomeDialog is { } dialog)
        {
            sql.Append(" AND (SELECT c.outcome FROM conversations c WHERE c.user_id = u.id AND c.dialog_id = ")
                .Append(Parameter(dialog)).Append(" AND c.status = ").Append(Completed).Append(" ORDER BY c.id DESC LIMIT 1) = ")
                .Append(Parameter(segment.Outcome!));
        }

        if (segment.AnswerKey is { } key)
        {
            // Answers are stored as "kind:text" (t:micro, n:72): compare the text part.
            sql.Append(" AND (SELECT ").Append(Text("a.value")).Append(" FROM answers a JOIN conversations c ON c.id = a.conversation_id WHERE c.user_id = u.id AND c.status = ")
                .Append(Completed).Append(" AND a.key = ").Append(Parameter(key)).Append(" ORDER BY c.id DESC LIMIT 1) = ").Append(Parameter(segment.AnswerValue!));
        }

        if (segment.RegisteredFor is { } registered)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM training_registrations r WHERE r.user_id = u.id AND r.status <> '{RegistrationStatuses.Cancelled}' AND r.program_id = ")
                .Append(Parameter(registered)).Append(')');
        }

        if (segment.NotRegisteredFor is { } notRegistered)
        {
            sql.Append($" AND NOT EXISTS (SELECT 1 FROM training_registrations r WHERE r.user_id = u.id AND r.status <> '{RegistrationStatuses.Cancelled}' AND r.program_id = ")
                .Append(Parameter(notRegistered)).Append(')');
        }

        if (segment.MinExportScore is { } score)
        {
            // DOUBLE PRECISION: a 64-bit float on PostgreSQL, and SQLite's REAL by its name.
            sql.Append(" AND (SELECT CAST(").Append(Text("p.value")).Append(" AS DOUBLE PRECISION) FROM profile_values p WHERE p.user_id = u.id AND p.key = 'export_score') >= ")
                .Append(Parameter((double)score));
        }

        if (segment.Channel is { } channel)
        {
            sql.Append(" AND u.channel = ").Append(Parameter(channel));
        }

        if (segment.ActiveSince is { } since)
        {
            sql.Append(" AND u.last_seen_at >= ").Append(Parameter(Wib.StartOf(since).ToUnixTimeMilliseconds()));
        }

        void InProfile(string key, IReadOnlyList<string> values)
        {
            if (values.Count == 0)
            {
                return;
            }

            sql.Append(" AND EXISTS (SELECT 1 FROM profile_values p WHERE p.user_id = u.id AND p.key = '").Append(key).Append("' AND p.value IN (");
            for (var i = 0; i < values.Count; i++)
            {
                sql.Append(i == 0 ? string.Empty : ", ").Append(Parameter(DialogValue.FromText(values[i]).Serialize()));
            }

            sql.Append("))");
        }

        string Parameter(object value)
        {
            var name = "segment" + (index++).ToString(CultureInfo.InvariantCulture);
            parameters.Add(name, value);
            return "@" + name;
        }
    }

    /// <summary>The text part of a stored text value in <paramref name="column"/>.</summary>
    public static string Text(string column) => string.Format(CultureInfo.InvariantCulture, StoredText, column);

    /// <summary>The owner's offset from UTC in minutes, from their province (WIB when it is not known).</summary>
    public static string UtcOffsetSql(string userColumn)
    {
        var sql = new StringBuilder("CASE (SELECT p.value FROM profile_values p WHERE p.user_id = ").Append(userColumn).Append(" AND p.key = 'province')");
        foreach (var (name, offset) in IndonesianProvinces.All().Where(p => p.UtcOffset != Wib.Offset))
        {
            sql.Append(" WHEN '").Append(DialogValue.FromText(name).Serialize().Replace("'", "''", StringComparison.Ordinal)).Append("' THEN ")
                .Append(((int)offset.TotalMinutes).ToString(CultureInfo.InvariantCulture));
        }

        return sql.Append(" ELSE ").Append(((int)Wib.Offset.TotalMinutes).ToString(CultureInfo.InvariantCulture)).Append(" END").ToString();
    }
}
