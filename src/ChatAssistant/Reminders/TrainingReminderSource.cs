using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Storage;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Reminders;

/// <summary>
/// Training reminders: 3 days and 1 day before a training the owner has a seat in, and the follow-up the day after it
/// ends (a one-question rating), each at <see cref="ReminderOptions.SendAt"/> in the catalogue's time zone (WIB). A
/// waiting owner gets them once promoted. The subject is the registration code.
/// </summary>
internal sealed class TrainingReminderSource(
    TrainingCatalog catalog,
    IOptions<ReminderOptions> options,
    IOptions<TrainingOptions> training,
    ILogger<TrainingReminderSource> logger) : IReminderSource
{
    /// <summary>The planner's mark: the newest registration or promotion time read.</summary>
    public const string MarkName = "training_registrations";

    /// <summary>
    /// How far back each round reads again: a registration another replica's writer made (PostgreSQL) may commit a
    /// little after a time the mark has passed. Reading it twice costs nothing (a reminder is scheduled once).
    /// </summary>
    internal static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    private static readonly string TrainingKinds = $"'{ReminderKinds.TrainingIn3Days}', '{ReminderKinds.TrainingIn1Day}', '{ReminderKinds.TrainingFollowUp}'";

    private readonly SessionStatements _sql = new();

    public IReadOnlyList<ReminderKind> Kinds { get; } = [ReminderKind.TrainingIn3Days, ReminderKind.TrainingIn1Day, ReminderKind.TrainingFollowUp];

    public void Plan(ReminderStore store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var ms = now.ToUnixTimeMilliseconds();

        // A cancelled registration's reminders go at once, not only when due: /pengingat must not list them, and the
        // cancel path (Training) knows nothing of reminders.
        var cancelled = _sql.Get(store.Session, "sweep", $"""
            UPDATE reminders SET state = '{ReminderStates.Cancelled}', reason = '{ReminderReasons.RegistrationCancelled}', updated_at = @now
            WHERE state = '{ReminderStates.Scheduled}' AND kind IN ({TrainingKinds})
              AND EXISTS (SELECT 1 FROM training_registrations t WHERE t.code = reminders.subject AND t.user_id = reminders.user_id AND t.status <> '{RegistrationStatuses.Seat}')
            """).Set("@now", ms).Execute();

        var mark = store.Mark(MarkName, 0);
        var since = mark - (long)Overlap.TotalMilliseconds;
        var seats = new List<(string Program, long User, string Code, long Since)>();
        var read = _sql.Get(store.Session, "seats", $"""
            SELECT program_id, user_id, code, COALESCE(promoted_at, created_at)
            FROM training_registrations
            WHERE status = '{RegistrationStatuses.Seat}' AND (created_at > @since OR promoted_at > @since)
            """).Set("@since", since);
        using (var reader = read.Read())
        {
            while (reader.Read())
            {
                seats.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }

        var scheduled = 0;
        var stale = ms - (long)options.Value.StaleAfter.TotalMilliseconds;
        foreach (var (programId, user, code, seatSince) in seats)
        {
            if (catalog.Find(programId) is not { } program)
            {
                continue; // gone from the catalogue: nothing to remind of
            }

            foreach (var (kind, date) in Dates(program))
            {
                var due = ReminderDates.At(date, options.Value.SendAt, training.Value.DeadlineUtcOffset);

                // Registered two days before: the 3-day reminder's moment had passed, so it is not one to send. One
                // the worker would only skip as stale is not written either.
                if (due < seatSince || due < stale)
                {
                    continue;
                }

                if (store.Schedule(user, kind, code, due, ms))
                {
                    scheduled++;
                }
            }
        }

        store.SetMark(MarkName, Math.Max(mark, ms));
        if (scheduled + cancelled > 0)
        {
            Log.TrainingPlanned(logger, scheduled, cancelled);
        }
    }

    public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reminder);
        var find = _sql.Get(store.Session, "registration", "SELECT program_id, status, rating FROM training_registrations WHERE code = @code AND user_id = @user")
            .Set("@code", reminder.Subject).Set("@user", reminder.UserId);
        string programId, status;
        bool rated;
        using (var reader = find.Read())
        {
            if (!reader.Read())
            {
                return ReminderCheck.Cancel(ReminderReasons.RegistrationCancelled); // erased with the owner's data
            }

            (programId, status, rated) = (reader.GetString(0), reader.GetString(1), !reader.IsDBNull(2));
        }

        if (reminder.Kind == ReminderKind.TrainingFollowUp && rated)
        {
            return ReminderCheck.Cancel(ReminderReasons.Rated); // they rated it already (/nilaipelatihan): nothing to ask
        }

        if (RegistrationStatuses.Parse(status) != RegistrationStatus.Seat)
        {
            return ReminderCheck.Cancel(ReminderReasons.RegistrationCancelled);
        }

        if (catalog.Find(programId) is not { } program)
        {
            return ReminderCheck.Cancel(ReminderReasons.ProgrammeClosed);
        }

        var today = DateOnly.FromDateTime(now.ToOffset(training.Value.DeadlineUtcOffset).DateTime);
        // "Starts in 3 days" on the first day, or beside the 1-day reminder (the worker was down), reads wrong.
        if ((reminder.Kind == ReminderKind.TrainingIn1Day && today >= program.Start)
            || (reminder.Kind == ReminderKind.TrainingIn3Days && today >= program.Start.AddDays(-1)))
        {
            return ReminderCheck.Cancel(ReminderReasons.TooLate);
        }

        var language = reminder.Language;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = program.Title.Plain(language),
            ["start"] = ReminderDates.Format(program.Start, language),
            ["end"] = ReminderDates.Format(program.End, language),
            ["place"] = program.Location,
            ["code"] = reminder.Subject,
            ["contact"] = program.Contact ?? program.Organiser,
        };
        var command = reminder.Kind == ReminderKind.TrainingFollowUp
            ? $"/nilaipelatihan registration={reminder.Subject}"
            : $"/batalpelatihan registration={reminder.Subject}";
        return ReminderCheck.Send(fields, command);
    }

    /// <summary>Each kind's day: 3 days and 1 day before the start, and the day after the end.</summary>
    private static (ReminderKind Kind, DateOnly Date)[] Dates(TrainingProgram program) =>
    [
        (ReminderKind.TrainingIn3Days, program.Start.AddDays(-3)),
        (ReminderKind.TrainingIn1Day, program.Start.AddDays(-1)),
        (ReminderKind.TrainingFollowUp, program.End.AddDays(1)),
    ];
}
