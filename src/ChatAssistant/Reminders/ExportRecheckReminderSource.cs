using System.Globalization;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Reminders;

/// <summary>
/// Export readiness: <see cref="ReminderOptions.ExportRecheckAfter"/> (30 days) after a check, an invitation to check
/// again and see the progress. A check is a conversation of the export-readiness dialog that reached its result: its
/// <c>readiness_score</c> is computed and shown, and it is completed, or still waits at the question after the result
/// ("Lihat semua langkah?", which many owners leave unanswered once they read their score). The subject is its id;
/// its time is when it was first found so (the reminder's due time less the delay). Its score is the dialog's
/// <c>readiness_score</c>, its date the <c>profile.export_date</c> it saved (the date the next check shows as the
/// previous one). An owner who checked again since hears nothing about the older check.
/// </summary>
/// <remarks>
/// The planner reads completed checks by the <c>conversations_dialog</c> index (dialog, status) past a mark on their
/// completion time, at most every <see cref="ScanInterval"/>: an invitation a month away needs no minute's precision,
/// and no index on <c>updated_at</c> is added (every message updates it).
/// </remarks>
internal sealed class ExportRecheckReminderSource(ConversationEngine engine, IOptions<ReminderOptions> options, ILogger<ExportRecheckReminderSource> logger) : IReminderSource
{
    /// <summary>The export-readiness dialog's id (dialogs/export-readiness.yaml).</summary>
    internal const string DialogId = "export-readiness";

    /// <summary>The answer that holds a check's score, 0-100 (export-readiness.yaml, step <c>score</c>).</summary>
    internal const string ScoreKey = "readiness_score";

    /// <summary>The planner's mark: the time (updated_at) of the last check it scheduled for.</summary>
    internal const string CompletedMark = "export_recheck.completed";

    /// <summary>How often completed checks are looked for.</summary>
    internal static readonly TimeSpan ScanInterval = TimeSpan.FromMinutes(15);

    private const int BatchSize = 1000;

    private DateTimeOffset _nextScan = DateTimeOffset.MinValue;
    private readonly SessionStatements _sql = new();

    public IReadOnlyList<ReminderKind> Kinds { get; } = [ReminderKind.ExportRecheck];

    public void Plan(ReminderStore store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (now < _nextScan)
        {
            return;
        }

        var after = (long)options.Value.ExportRecheckAfter.TotalMilliseconds;
        var nowMs = now.ToUnixTimeMilliseconds();

        // First round ever: the checks of the last 30 days still get their invitation on time; older ones are past it.
        var mark = store.Mark(CompletedMark, nowMs - after);
        var planned = 0;
        int read;
        do
        {
            read = 0;
            var checks = new List<(long Id, long UserId, long CompletedAt)>();
            using (var reader = _sql.Get(store.Session, "completed", CompletedSql).Set("@mark", mark).Read())
            {
                while (reader.Read())
                {
                    checks.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
                    read++;
                }
            }

            foreach (var (id, userId, completedAt) in checks)
            {
                if (store.Schedule(userId, ReminderKind.ExportRecheck, id.ToString(CultureInfo.InvariantCulture), completedAt + after, nowMs))
                {
                    planned++;
                }

                mark = Math.Max(mark, completedAt);
            }

            // Checks completed in the same millisecond as the last one read are read again next time (scheduling is
            // idempotent); a full batch of one millisecond could not move the mark, so it steps past it.
            if (read == BatchSize && checks.TrueForAll(c => c.CompletedAt == mark))
            {
                mark++;
            }
        }
        while (read == BatchSize);

        store.SetMark(CompletedMark, mark);
        _nextScan = now + ScanInterval;
        if (planned > 0)
        {
            Log.ExportRechecksPlanned(logger, planned);
        }
    }

    public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reminder);
        if (!long.TryParse(reminder.Subject, NumberStyles.None, CultureInfo.InvariantCulture, out var conversationId))
        {
            return ReminderCheck.Cancel(ReminderReasons.TooLate);
        }
        // The check's time, as planned; the conversation's own updated_at moves if the owner answers after the result.
        var completedAt = reminder.DueAt - (long)options.Value.ExportRecheckAfter.TotalMilliseconds;
        DialogValue score;
        using (var reader = _sql.Get(store.Session, "check", CheckSql).Set("@id", conversationId).Read())
        {
            if (!reader.Read() || reader.GetInt64(0) != reminder.UserId)
            {
                return ReminderCheck.Cancel(ReminderReasons.TooLate); // erased with the owner's data
            }

            score = reader.IsDBNull(2) ? DialogValue.None : DialogValue.Deserialize(reader.GetString(2));
        }

        // The profile keeps the latest check's score and date, saved when its result is shown: saved after this check
        // completed means the owner checked again since (and saw that score), so this invitation is out of date.
        DialogValue date = DialogValue.None, profileScore = DialogValue.None;
        using (var reader = _sql.Get(store.Session, "profile", ProfileSql).Set("@user", reminder.UserId).Read())
        {
            while (reader.Read())
            {
                if (reader.GetInt64(2) > completedAt)
                {
                    return ReminderCheck.Cancel(ReminderReasons.CheckedAgain);
                }

                var value = DialogValue.Deserialize(reader.GetString(1));
                if (reader.GetString(0) == "export_date")
                {
                    date = value;
                }
                else
                {
                    profileScore = value;
                }
            }
        }

        if (engine.Catalog.Find(DialogId)?.Definition is not { Commands.Count: > 0 } dialog)
        {
            return ReminderCheck.Cancel(ReminderReasons.TooLate); // the check is no longer offered
        }

        score = score.IsSet ? score : profileScore;
        if (date.Kind != ValueKind.Date)
        {
            // As the dialog writes "today" (StepRunner): the date of the completion's instant.
            date = DialogValue.FromDate(DateOnly.FromDateTime(StoredTime.To(completedAt).UtcDateTime));
        }

        return ReminderCheck.Send(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["date"] = date.Display(reminder.Language),
                ["score"] = score.IsSet ? score.Display(reminder.Language) : "-",
            },
            dialog.Commands[0]);
    }

    /// <summary>Checks that reached their result (completed, or active after it), touched at or after the mark, in that order.</summary>
    private static readonly string CompletedSql =
        $"""
        SELECT c.id, c.user_id, c.updated_at FROM conversations c
        WHERE c.dialog_id = '{DialogId}' AND c.status IN ({(int)ConversationStatus.Active}, {(int)ConversationStatus.Completed}) AND c.updated_at >= @mark
          AND EXISTS (SELECT 1 FROM answers a WHERE a.conversation_id = c.id AND a.key = '{ScoreKey}')
        ORDER BY c.updated_at, c.id LIMIT {BatchSize.ToString(CultureInfo.InvariantCulture)}
        """;

    /// <summary>A check's owner, its conversation's time and its score (gone if the owner started it over).</summary>
    private static readonly string CheckSql =
        $"""
        SELECT c.user_id, c.updated_at, a.value FROM conversations c
        LEFT JOIN answers a ON a.conversation_id = c.id AND a.key = '{ScoreKey}'
        WHERE c.id = @id AND c.dialog_id = '{DialogId}'
        """;

    /// <summary>The latest check's date and score as the profile keeps them, with when they were saved.</summary>
    private static readonly string ProfileSql =
        "SELECT key, value, updated_at FROM profile_values WHERE user_id = @user AND key IN ('export_date', 'export_score')";
}
