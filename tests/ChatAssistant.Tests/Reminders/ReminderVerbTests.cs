using System.Globalization;
using System.Text;
using ChatAssistant.Reminders;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Reminders;

/// <summary>
/// <c>reminders list</c> run as operators run it: the real executable against a SQLite file whose reminders the
/// store scheduled, queued and closed.
/// </summary>
public sealed class ReminderVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StorageTarget _db;

    public ReminderVerbTests()
    {
        Owners.CreateSchema(_folder.DatabasePath);
        _db = StorageTarget.Sqlite(_folder.DatabasePath);
    }

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_list_shows_reminders_still_to_come_soonest_first_with_chat_ids_masked()
    {
        ReminderSeed.Standard(_db);

        var (exitCode, output, error) = await RunAsync();

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            [
                ReminderVerbs.ListHeader,
                "1\ttraining_3d\t1 telegram *****6789\tBTK-7QX\t2026-12-05T09:00:00+07:00\tscheduled",
                "2\ttraining_1d\t1 telegram *****6789\tBTK-7QX\t2026-12-07T09:00:00+07:00\tscheduled",
                "3\tdeadline\t2 whatsapp *********7890\tbimtek-digital-padang\t2026-12-08T09:00:00+07:00\tqueued",
            ],
            Lines(output));
        Assert.DoesNotContain("123456789", output, StringComparison.Ordinal);
        Assert.DoesNotContain("6281234567890", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_before_a_date_lists_what_is_due_before_that_wib_day_starts_and_a_time_cuts_at_that_time()
    {
        ReminderSeed.Standard(_db);

        var (exitCode, output, error) = await RunAsync("--due-before", "2026-12-07");
        Assert.True(exitCode == 0, error);
        Assert.Equal(ReminderVerbs.ListHeader, Lines(output)[0]);
        Assert.Equal(["1"], Ids(output));

        // 09:00 WIB on the 7th is not before 09:00; one minute later it is. A time without an offset is WIB.
        (exitCode, output, error) = await RunAsync("--due-before", "2026-12-07T09:00");
        Assert.True(exitCode == 0, error);
        Assert.Equal(["1"], Ids(output));
        (exitCode, output, error) = await RunAsync("--due-before", "2026-12-07 09:01");
        Assert.True(exitCode == 0, error);
        Assert.Equal(["1", "2"], Ids(output));

        // The same instant with an offset: 02:01 UTC is 09:01 WIB.
        (exitCode, output, error) = await RunAsync("--due-before", "2026-12-07T02:01Z");
        Assert.True(exitCode == 0, error);
        Assert.Equal(["1", "2"], Ids(output));

        (exitCode, output, error) = await RunAsync("--due-before", "1-12-2026");
        Assert.True(exitCode == 0, error);
        Assert.Equal(["No reminders still to come due before 2026-12-01T00:00:00+07:00."], Lines(output));
    }

    [Theory]
    [InlineData("besok")]
    [InlineData("2026-13-45")]
    [InlineData("31/02/2026")]
    public async Task A_due_before_that_does_not_read_is_one_line_on_stderr_and_exit_code_1(string written)
    {
        ReminderSeed.Standard(_db);

        var (exitCode, output, error) = await RunAsync("--due-before", written);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            [$"reminders list: --due-before '{written}' is not a date or a time; write it in WIB as yyyy-MM-dd or yyyy-MM-ddTHH:mm, e.g. 2026-12-08 or 2026-12-08T09:00."],
            Lines(error));
    }

    [Fact]
    public async Task Kind_and_state_filter_the_list_and_a_closed_reminder_shows_why()
    {
        ReminderSeed.Standard(_db);

        var (exitCode, output, error) = await RunAsync("--state", "all", "--kind", "unfinished");
        Assert.True(exitCode == 0, error);
        Assert.Equal([ReminderVerbs.ListHeader, "4\tunfinished\t3 telegram *****4321\tc-42\t2026-12-03T10:00:00+07:00\tskipped (opted_out)"], Lines(output));

        (exitCode, output, error) = await RunAsync("--state", "sent");
        Assert.True(exitCode == 0, error);
        Assert.Equal(["5"], Ids(output));

        (exitCode, output, error) = await RunAsync("--state", "all");
        Assert.True(exitCode == 0, error);
        Assert.Equal(["4", "1", "2", "3", "5"], Ids(output));

        (exitCode, output, error) = await RunAsync("--kind", "deadlin");
        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("reminders list: --kind 'deadlin' is not a kind of reminder (did you mean deadline?); kinds: training_3d, training_1d,", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("--state", "done");
        Assert.Equal(1, exitCode);
        Assert.Contains("reminders list: --state 'done' is not a state of a reminder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_has_a_header_and_masked_chat_ids_and_reads_back()
    {
        ReminderSeed.Standard(_db);
        var path = Path.Combine(_folder.Path, "reminders.csv");

        var (exitCode, output, error) = await RunAsync("--kind", "deadline", "--csv", path);

        Assert.True(exitCode == 0, error);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"1 reminder written to {path}", error, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // a byte order mark, for spreadsheets
        Assert.Equal(
            [string.Join(',', ReminderVerbs.CsvHeader), "3,deadline,2,whatsapp,*********7890,bimtek-digital-padang,2026-12-08T09:00:00+07:00,queued,"],
            Lines(Encoding.UTF8.GetString(bytes[3..])));
    }

    [Fact]
    public async Task A_database_without_reminders_says_so()
    {
        var (exitCode, output, error) = await RunAsync();

        Assert.True(exitCode == 0, error);
        Assert.Equal(["No reminders still to come."], Lines(output));
    }

    [Fact]
    public async Task A_database_that_is_not_there_is_one_line_and_nothing_is_created()
    {
        var missing = Path.Combine(_folder.Path, "typo.db");

        var (exitCode, _, error) = await AssistantProcess.RunAsync(string.Empty, ["reminders", "list", "--db", missing]);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("reminders list: ", error, StringComparison.Ordinal);
        Assert.Single(Lines(error));
        Assert.False(File.Exists(missing));
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        AssistantProcess.RunAsync(string.Empty, ["reminders", "list", "--db", _folder.DatabasePath, .. arguments]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private static string[] Ids(string output) => Lines(output).Skip(1).Select(l => l.Split('\t')[0]).ToArray();
}

/// <summary>
/// Reminders in each state, written by the store itself (scheduled, queued, closed as the scheduler and the outbox
/// observer would), for the verb, the report and the console to read.
/// </summary>
internal static class ReminderSeed
{
    /// <summary>2026-12-04 10:00 WIB: when the seed was written.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Owner 1 (telegram 123456789): training_3d and training_1d of BTK-7QX, scheduled for 5 and 7 Dec 09:00 WIB.
    /// Owner 2 (whatsapp 6281234567890): a deadline of bimtek-digital-padang, queued, due 8 Dec 09:00 WIB.
    /// Owner 3 (telegram 987654321): an unfinished nudge (c-42, 3 Dec 10:00) skipped as opted_out, and an export
    /// recheck (x-9, 3 Jan 2027) sent. Ids 1..5 in that order. The caller keeps and disposes the target.
    /// </summary>
    public static void Standard(StorageTarget target)
    {
        Owners.CreateSchema(target);
        var owners = new Owners(target);
        var ani = owners.Add("123456789");
        var budi = owners.Add("6281234567890", channel: "whatsapp");
        var citra = owners.Add("987654321");
        Write(target, store =>
        {
            Add(store, ani, ReminderKind.TrainingIn3Days, "BTK-7QX", At(2026, 12, 5, 9));
            Add(store, ani, ReminderKind.TrainingIn1Day, "BTK-7QX", At(2026, 12, 7, 9));
            var deadline = Add(store, budi, ReminderKind.Deadline, "bimtek-digital-padang", At(2026, 12, 8, 9));
            store.MarkQueued(deadline, 7, Ms(Now));
            var unfinished = Add(store, citra, ReminderKind.Unfinished, "c-42", At(2026, 12, 3, 10));
            store.Close(unfinished, ReminderState.Skipped, ReminderReasons.OptedOut, Ms(Now));
            var export = Add(store, citra, ReminderKind.ExportRecheck, "x-9", At(2027, 1, 3, 9));
            store.MarkQueued(export, 8, Ms(Now));
            store.Outcome(8, ReminderState.Sent, null, Ms(Now));
        });
    }

    /// <summary>Runs <paramref name="write"/> on a store over a write session of its own, in one transaction.</summary>
    public static void Write(StorageTarget target, Action<ReminderStore> write)
    {
        using var session = target.Open(TimeProvider.System);
        var store = new ReminderStore(session);
        session.Begin();
        write(store);
        session.Commit();
    }

    /// <summary>Schedules a reminder and returns its id.</summary>
    public static long Add(ReminderStore store, long userId, ReminderKind kind, string subject, DateTimeOffset due)
    {
        Assert.True(store.Schedule(userId, kind, subject, Ms(due), Ms(Now)));
        using var command = store.Session.Connection.CreateCommand();
        command.Transaction = store.Session.Transaction;
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"SELECT id FROM reminders WHERE user_id = {userId} AND kind = '{kind.Name()}' AND subject = '{subject}'");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>A time of day in WIB.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
