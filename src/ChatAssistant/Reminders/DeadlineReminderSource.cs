using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Reminders;

/// <summary>
/// Deadlines: an owner who looked at an open programme and did not register hears once, 3 days before its
/// registration deadline (at <see cref="ReminderOptions.SendAt"/>, catalogue time). "Looked at" is an answer
/// <c>program</c> holding a catalogue programme id: the training-registration dialog saves the owner's choice there,
/// and its list offers only programmes the owner fits. The subject is the programme id.
/// </summary>
internal sealed class DeadlineReminderSource(
    ConversationEngine engine,
    TrainingCatalog catalog,
    IOptions<ReminderOptions> options,
    IOptions<TrainingOptions> training,
    ILogger<DeadlineReminderSource> logger) : IReminderSource
{
    /// <summary>The planner's mark: the newest <c>answers.updated_at</c> read.</summary>
    public const string MarkName = "answers_program";

    /// <summary>The answer key the registration dialog saves the chosen programme under.</summary>
    public const string AnswerKey = "program";

    /// <summary>How many days before the deadline the reminder goes.</summary>
    public const int DaysBefore = 3;

    private readonly SessionStatements _sql = new();

    public IReadOnlyList<ReminderKind> Kinds { get; } = [ReminderKind.Deadline];

    public void Plan(ReminderStore store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var ms = now.ToUnixTimeMilliseconds();

        // Registered since looking: the reminder goes at once, so /pengingat no longer lists it.
        var cancelled = _sql.Get(store.Session, "sweep", $"""
            UPDATE reminders SET state = '{ReminderStates.Cancelled}', reason = '{ReminderReasons.Registered}', updated_at = @now
            WHERE state = '{ReminderStates.Scheduled}' AND kind = '{ReminderKinds.Deadline}'
              AND EXISTS (SELECT 1 FROM training_registrations t WHERE t.program_id = reminders.subject AND t.user_id = reminders.user_id AND t.status <> '{RegistrationStatuses.Cancelled}')
            """).Set("@now", ms).Execute();

        // Only the conversations of dialogs that ask for a programme are read (the conversations_dialog index), each
        // one's answer by its key: answers has no index on updated_at, and reading all of it every minute would hold the
        // writer, and every owner's message behind it, for longer as history grows. Another replica's writer
        // (PostgreSQL) may commit an answer a little after a time the mark has passed, hence the overlap.
        var mark = store.Mark(MarkName, 0);
        var looked = new List<(long User, string Value, long At)>();
        var dialogs = ProgrammeDialogs(engine.Catalog);
        if (dialogs.Length > 0)
        {
            var read = _sql.Get(store.Session, "looked:" + dialogs, $"""
                SELECT c.user_id, a.value, a.updated_at
                FROM conversations c JOIN answers a ON a.conversation_id = c.id AND a.key = @key
                WHERE c.dialog_id IN ({dialogs}) AND a.updated_at > @since
                """).Set("@key", AnswerKey).Set("@since", mark - (long)TrainingReminderSource.Overlap.TotalMilliseconds);
            using var reader = read.Read();
            while (reader.Read())
            {
                looked.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        var scheduled = 0;
        var stale = ms - (long)options.Value.StaleAfter.TotalMilliseconds;
        foreach (var (user, value, at) in looked)
        {
            if (DialogValue.Deserialize(value).Text is not { Length: > 0 } programId || catalog.Find(programId) is not { } program)
            {
                continue; // another dialog's 'program', or a programme no longer in the catalogue
            }

            // Looked at after the reminder's moment (or the deadline) had passed: nothing to remind of. One the worker
            // would only skip as stale is not written either.
            var due = ReminderDates.At(program.Deadline.AddDays(-DaysBefore), options.Value.SendAt, training.Value.DeadlineUtcOffset);
            if (due < at || due < stale || Registered(store, user, program.Id))
            {
                continue;
            }

            if (store.Schedule(user, ReminderKind.Deadline, program.Id, due, ms))
            {
                scheduled++;
            }
        }

        store.SetMark(MarkName, Math.Max(mark, ms));
        if (scheduled + cancelled > 0)
        {
            Log.DeadlinePlanned(logger, scheduled, cancelled);
        }
    }

    public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reminder);
        var today = DateOnly.FromDateTime(now.ToOffset(training.Value.DeadlineUtcOffset).DateTime);
        if (catalog.Find(reminder.Subject) is not { } program || !program.IsOpen(today))
        {
            return ReminderCheck.Cancel(ReminderReasons.ProgrammeClosed);
        }

        if (Registered(store, reminder.UserId, program.Id))
        {
            return ReminderCheck.Cancel(ReminderReasons.Registered);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = program.Title.Plain(reminder.Language),
            ["deadline"] = ReminderDates.Format(program.Deadline, reminder.Language),
        };
        return ReminderCheck.Send(fields, $"/pelatihan program={program.Id}");
    }

    /// <summary>Whether the owner holds a seat or a waiting place for the programme.</summary>
    private bool Registered(ReminderStore store, long userId, string programId) =>
        _sql.Get(store.Session, "registered", $"SELECT 1 FROM training_registrations WHERE program_id = @program AND user_id = @user AND status <> '{RegistrationStatuses.Cancelled}'")
            .Set("@program", programId).Set("@user", userId).Scalar() is not null and not DBNull;

    /// <summary>
    /// The live dialogs with a question saving <see cref="AnswerKey"/>, as SQL text (<c>'training-registration'</c>);
    /// dialog ids are letters, digits, '-' and '_', so quoting them is enough.
    /// </summary>
    private static string ProgrammeDialogs(DialogCatalog catalog) => string.Join(", ", catalog.Dialogs
        .Where(d => d.Definition.Steps.Any(step => step is AskStep { SaveAs: AnswerKey }))
        .Select(d => $"'{d.Id.Replace("'", "''", StringComparison.Ordinal)}'"));
}
