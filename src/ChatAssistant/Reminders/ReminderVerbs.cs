using System.CommandLine;
using System.Globalization;
using System.Text;
using ChatAssistant.Broadcasts;
using ChatAssistant.Operators;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAssistant.Reminders;

/// <summary>
/// <c>reminders list [--due-before DATE|TIME] [--kind KIND] [--state STATE|all] [--csv FILE]</c>: the schedule as
/// operators read it, from the database a running worker uses (read only). Chat ids are masked as in every
/// operator's listing: the user id tells owners apart, the last digits help match a complaint.
/// </summary>
internal static class ReminderVerbs
{
    private const string Verb = "reminders list";

    /// <summary>What <c>--state</c> takes besides a state's name: every reminder whatever it became.</summary>
    public const string AllStates = "all";

    /// <summary>The columns of the terminal table, tab-separated like 'broadcast list'; times in WIB.</summary>
    public const string ListHeader = "id\tkind\towner\tsubject\tdue (WIB)\tstate";

    /// <summary>The CSV's columns: the owner split into user id, channel and masked chat id; the reason beside the state.</summary>
    public static IReadOnlyList<string> CsvHeader { get; } = ["id", "kind", "user_id", "channel", "chat_id", "subject", "due_wib", "state", "reason"];

    public static Command Create(OperatorVerbHost hosts) => new("reminders", "The reminders the assistant sends owners first (trainings, deadlines, unfinished dialogs, export checks).") { List(hosts) };

    private static Command List(OperatorVerbHost hosts)
    {
        var db = OperatorVerbHost.DbOption();
        var dueBefore = new Option<string?>("--due-before")
        {
            Description = "Only reminders due before this time, in WIB (UTC+7): a date (2026-12-08: before that day starts) or a date and time (2026-12-08T09:00).",
        };
        var kind = new Option<string?>("--kind") { Description = "Only this kind: " + string.Join(", ", ReminderKinds.All.Select(k => k.Name())) + "." };
        var state = new Option<string?>("--state")
        {
            Description = $"Only this state: {string.Join(", ", ReminderStates.All.Select(s => s.Name()))}, or {AllStates} (default: still to come, {ReminderStates.Scheduled} and {ReminderStates.Queued}).",
        };
        var csvFile = new Option<string?>("--csv") { Description = "Write CSV with a header to this file (UTF-8) instead of a table to the terminal." };
        var list = new Command("list", "Reminders still to come (or of --state), soonest first: id, kind, owner (user id, channel, masked chat id), what it is about, when it is due (WIB), state.")
        {
            dueBefore, kind, state, csvFile, db,
        };
        list.SetAction(async (parse, cancellationToken) =>
        {
            // The filters first: a typo is answered at once, without opening the database.
            DateTimeOffset? before = null;
            if (parse.GetValue(dueBefore) is { } beforeText)
            {
                if (ReadDueBefore(beforeText) is not { } parsed)
                {
                    return await FailAsync($"--due-before '{beforeText}' is not a date or a time; write it in WIB as yyyy-MM-dd or yyyy-MM-ddTHH:mm, e.g. 2026-12-08 or 2026-12-08T09:00.").ConfigureAwait(false);
                }

                before = parsed;
            }

            ReminderKind? onlyKind = null;
            if (parse.GetValue(kind) is { } kindText)
            {
                if (!ReminderKinds.TryParse(kindText.Trim(), out var parsed))
                {
                    var names = ReminderKinds.All.Select(k => k.Name()).ToList();
                    return await FailAsync($"--kind '{kindText}' is not a kind of reminder{Closest.Hint(Closest.To(kindText, names), english: true)}; kinds: {string.Join(", ", names)}.").ConfigureAwait(false);
                }

                onlyKind = parsed;
            }

            IReadOnlyList<ReminderState> states = ReminderReader.StillToCome;
            if (parse.GetValue(state) is { } stateText)
            {
                if (ReadStates(stateText.Trim()) is not { } parsed)
                {
                    var names = ReminderStates.All.Select(s => s.Name()).Append(AllStates).ToList();
                    return await FailAsync($"--state '{stateText}' is not a state of a reminder{Closest.Hint(Closest.To(stateText, names), english: true)}; states: {string.Join(", ", names)}.").ConfigureAwait(false);
                }

                states = parsed;
            }

            using var host = await hosts.BuildExistingAsync(parse.GetValue(db), dialogs: null, Verb).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }

            IReadOnlyList<ReminderListing> reminders;
            try
            {
                var provider = host.Services.GetRequiredService<IStorageProvider>();
                using var connection = provider.Open();

                // Brought up to date as every verb does: a database from before reminders lists none instead of failing.
                MigrationRunner.Apply(connection, provider, host.Services.GetRequiredService<TimeProvider>());
                reminders = ReminderReader.List(connection, states, onlyKind, before);
            }
            catch (Exception ex) when (StartupProblem.IsFixable(ex))
            {
                return await FailAsync(StartupProblem.Describe(ex)).ConfigureAwait(false);
            }

            if (parse.GetValue(csvFile) is { } path)
            {
                if (OperatorCsv.TryWriteFile(path, file => WriteCsv(file, reminders)) is { } problem)
                {
                    return await FailAsync(problem).ConfigureAwait(false);
                }

                await Console.Error.WriteLineAsync($"{Counted.Of(reminders.Count, "reminder")} written to {path}").ConfigureAwait(false);
                return 0;
            }

            var output = new StringBuilder();
            if (reminders.Count == 0)
            {
                output.Append(CultureInfo.InvariantCulture, $"No reminders {Describe(states, onlyKind, before)}.\n");
            }
            else
            {
                output.Append(ListHeader).Append('\n');
                foreach (var reminder in reminders)
                {
                    var stateColumn = reminder.Reason is null ? reminder.State.Name() : $"{reminder.State.Name()} ({reminder.Reason})";
                    output.Append(CultureInfo.InvariantCulture,
                        $"{reminder.Id}\t{reminder.Kind.Name()}\t{Owner(reminder)}\t{OneLine(reminder.Subject)}\t{Wib.Format(reminder.DueAt)}\t{stateColumn}\n");
                }
            }

            await Console.Out.WriteAsync(output.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return list;
    }

    /// <summary>
    /// A date is the start of that WIB day (so "--due-before 2026-12-08" lists what is due up to the 7th); a time
    /// without an offset is WIB. Null when the text is neither.
    /// </summary>
    internal static DateTimeOffset? ReadDueBefore(string text) =>
        Wib.TryParseDate(text, out var date) ? Wib.StartOf(date)
        : Wib.TryParseTime(text, out var time) ? time
        : null;

    private static IReadOnlyList<ReminderState>? ReadStates(string text)
    {
        if (string.Equals(text, AllStates, StringComparison.OrdinalIgnoreCase))
        {
            return ReminderStates.All;
        }

        var match = ReminderStates.All.Where(s => string.Equals(s.Name(), text, StringComparison.OrdinalIgnoreCase)).ToList();
        return match.Count == 1 ? match : null;
    }

    /// <summary>"12 telegram ****5678": who, without the chat id that would let a reader contact them.</summary>
    internal static string Owner(ReminderListing reminder) =>
        string.Create(CultureInfo.InvariantCulture, $"{reminder.UserId} {reminder.Channel} {BroadcastVerbs.MaskChat(reminder.ChatId)}");

    public static void WriteCsv(TextWriter output, IEnumerable<ReminderListing> reminders)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reminders);
        using var csv = OperatorCsv.Create(output);
        csv.WriteHeader([.. CsvHeader]);
        foreach (var reminder in reminders)
        {
            csv.WriteRecord(
            [
                reminder.Id.ToString(CultureInfo.InvariantCulture), reminder.Kind.Name(), reminder.UserId.ToString(CultureInfo.InvariantCulture),
                reminder.Channel, BroadcastVerbs.MaskChat(reminder.ChatId), reminder.Subject, Wib.Format(reminder.DueAt), reminder.State.Name(),
                reminder.Reason ?? string.Empty,
            ]);
        }

        csv.Flush();
    }

    /// <summary>What the empty list was asked for, so "No reminders ..." says which filter left nothing.</summary>
    private static string Describe(IReadOnlyList<ReminderState> states, ReminderKind? kind, DateTimeOffset? before)
    {
        var what = states.SequenceEqual(ReminderReader.StillToCome) ? "still to come"
            : states.Count == ReminderStates.All.Count ? "at all"
            : states[0].Name();
        if (kind is { } k)
        {
            what += " of kind " + k.Name();
        }

        if (before is { } b)
        {
            what += " due before " + Wib.Format(b);
        }

        return what;
    }

    /// <summary>A subject is the planner's key (a registration code, a programme id...); a tab or line break in it would break the table.</summary>
    private static string OneLine(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"{Verb}: {message}").ConfigureAwait(false);
        return 1;
    }
}
