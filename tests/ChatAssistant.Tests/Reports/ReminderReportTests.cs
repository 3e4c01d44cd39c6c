using System.Globalization;
using ChatAssistant.Reminders;
using ChatAssistant.Reports;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Reminders;
using ChatAssistant.Tests.Support;
using CsvHelper;

namespace ChatAssistant.Tests.Reports;

public sealed class ReminderReportTests_Sqlite() : ReminderReportTests(StorageProviderKind.Sqlite)
{
}

public sealed class ReminderReportTests_Postgres() : ReminderReportTests(StorageProviderKind.Postgres)
{
}

/// <summary>
/// The reminders report on each engine: per kind how many are scheduled, queued, sent, skipped (by reason),
/// cancelled and failed, and the training follow-up's ratings per programme; and the operators' list read the same
/// way on both.
/// </summary>
public abstract class ReminderReportTests : StorageMatrix
{
    private protected ReminderReportTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    [Fact]
    public void Each_kind_is_counted_by_state_and_its_skipped_ones_by_reason_zeros_included()
    {
        Mixed();
        using var connection = Db.Connect();

        var counts = ReminderReader.CountsByKind(connection).ToDictionary(c => c.Kind);

        Assert.Equal(ReminderKinds.All, counts.Keys);
        Assert.Equal(
            [
                (ReminderKind.TrainingIn3Days, "scheduled 1, queued 0, sent 0, skipped 1, cancelled 1, failed 0"),
                (ReminderKind.TrainingIn1Day, "scheduled 1, queued 0, sent 0, skipped 1, cancelled 0, failed 0"),
                (ReminderKind.TrainingFollowUp, "scheduled 0, queued 0, sent 0, skipped 1, cancelled 0, failed 0"),
                (ReminderKind.Deadline, "scheduled 0, queued 1, sent 0, skipped 0, cancelled 0, failed 1"),
                (ReminderKind.Unfinished, "scheduled 0, queued 0, sent 0, skipped 2, cancelled 0, failed 0"),
                (ReminderKind.ExportRecheck, "scheduled 0, queued 0, sent 1, skipped 0, cancelled 0, failed 0"),
            ],
            counts.Values.Select(c => (c.Kind, string.Join(", ", ReminderReport.States.Select(s => $"{s.Name()} {c.Count(s)}")))));
        Assert.Equal(1, counts[ReminderKind.TrainingIn3Days].Skipped(ReminderReasons.TurnedOff));
        Assert.Equal(1, counts[ReminderKind.TrainingIn1Day].Skipped(ReminderReasons.TooLate));
        Assert.Equal(1, counts[ReminderKind.TrainingFollowUp].Skipped(ReminderReasons.OutsideWindow));
        Assert.Equal((1, 1, 0), (counts[ReminderKind.Unfinished].Skipped(ReminderReasons.OptedOut), counts[ReminderKind.Unfinished].Skipped(ReminderReasons.Unreachable), counts[ReminderKind.Unfinished].Skipped(ReminderReasons.TurnedOff)));
        Assert.Equal(3, counts[ReminderKind.TrainingIn3Days].Total);
        Assert.Equal(1, counts[ReminderKind.Deadline].ToCome); // queued is still to come
    }

    [Fact]
    public void Ratings_are_counted_and_averaged_per_programme_leaving_out_owners_who_did_not_rate()
    {
        Mixed();
        using var connection = Db.Connect();

        Assert.Equal(
            [new TrainingRating("bimtek-digital-padang", 2, 4.5), new TrainingRating("pelatihan-ekspor", 1, 3)],
            ReminderReader.Ratings(connection));
    }

    [Fact]
    public void The_list_reads_the_same_on_each_engine_by_state_kind_and_due_time()
    {
        ReminderSeed.Standard(Db);
        using var connection = Db.Connect();

        Assert.Equal([1L, 2L, 3L], ReminderReader.List(connection, ReminderReader.StillToCome, null, null).Select(r => r.Id));
        Assert.Equal([1L], ReminderReader.List(connection, ReminderReader.StillToCome, null, ReminderSeed.At(2026, 12, 7, 9)).Select(r => r.Id));
        Assert.Equal([4L], ReminderReader.List(connection, ReminderStates.All, ReminderKind.Unfinished, null).Select(r => r.Id));
        var deadline = Assert.Single(ReminderReader.List(connection, [ReminderState.Queued], null, null));
        Assert.Equal(
            new ReminderListing(3, ReminderKind.Deadline, 2, "whatsapp", "6281234567890", "bimtek-digital-padang", ReminderSeed.At(2026, 12, 8, 9), ReminderState.Queued, null),
            deadline);
        var skipped = Assert.Single(ReminderReader.List(connection, [ReminderState.Skipped], null, null));
        Assert.Equal(ReminderReasons.OptedOut, skipped.Reason);
    }

    [Fact]
    public void An_empty_schedule_counts_zero_for_every_kind_and_no_ratings()
    {
        Owners.CreateSchema(Db);
        using var connection = Db.Connect();

        var report = ReminderReport.Read(connection);

        Assert.Equal(ReminderKinds.All.Count, report.Kinds.Count);
        Assert.All(report.Kinds, k => Assert.Equal(0, k.Total));
        Assert.Empty(report.Ratings);
        using var text = new StringWriter();
        report.WriteText(text);
        Assert.Contains("Skipped, by reason" + Environment.NewLine + "  (none)", text.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("  (none yet)" + Environment.NewLine, text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_reminders_prints_the_counts_per_kind_the_reasons_and_the_ratings()
    {
        Mixed();

        var (exitCode, output, error) = await AssistantProcess.RunAsync(string.Empty, ProcessSettings(), ["report", "reminders"]);

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(
            [
                "Reminders by kind (all time, each counted in the state it is in now)",
                string.Empty,
                "  kind                 scheduled    queued      sent   skipped  cancelled    failed",
                "  training_3d                  1         0         0         1          1         0",
                "  training_1d                  1         0         0         1          0         0",
                "  training_followup            0         0         0         1          0         0",
                "  deadline                     0         1         0         0          0         1",
                "  unfinished                   0         0         0         2          0         0",
                "  export_recheck               0         0         1         0          0         0",
                "  total                        2         1         1         5          1         1",
                string.Empty,
                "Skipped, by reason",
                "  kind                 turned_off  opted_out  unreachable  outside_window  too_late",
                "  training_3d                   1          0            0               0         0",
                "  training_1d                   0          0            0               0         1",
                "  training_followup             0          0            0               1         0",
                "  unfinished                    0          1            1               0         0",
                string.Empty,
                "Training ratings (the follow-up's one question, per programme)",
                "  programme                 ratings   average",
                "  bimtek-digital-padang           2       4.5",
                "  pelatihan-ekspor                1       3.0",
                string.Empty,
            ],
            lines);
    }

    [Fact]
    public async Task Report_reminders_csv_is_long_format_that_a_parser_reads_back()
    {
        Mixed();
        var path = Path.Combine(Folder.Path, "reminders.csv");

        var (exitCode, output, error) = await AssistantProcess.RunAsync(string.Empty, ProcessSettings(), ["report", "reminders", "--csv", path]);

        Assert.True(exitCode == 0, error);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"Reminders report (11 reminders) written to {path}", error, StringComparison.Ordinal);
        using var reader = CsvReader.Create(new StringReader(File.ReadAllText(path)), null, false);
        reader.ReadHeader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(',', ReminderReport.CsvHeader.Select(reader.GetString)));
        }

        Assert.Equal(ReminderKinds.All.Count * (ReminderReport.States.Count + ReminderKindCount.SkipReasons.Count) + 2, rows.Count);
        Assert.Contains("state,deadline,failed,1,", rows);
        Assert.Contains("skipped,unfinished,unreachable,1,", rows);
        Assert.Contains("skipped,training_followup,outside_window,1,", rows);
        Assert.Contains("rating,training_followup,bimtek-digital-padang,2,4.50", rows);
        Assert.Contains("rating,training_followup,pelatihan-ekspor,1,3.00", rows);
    }

    private Dictionary<string, string> ProcessSettings() => new(Db.Settings, StringComparer.Ordinal);

    /// <summary>
    /// The standard seed (ReminderSeed.Standard: 1 and 2 scheduled, 3 queued, 4 skipped opted_out, 5 sent) and one
    /// of every other ending: skipped turned_off, too_late, outside_window and unreachable, cancelled, failed; and
    /// ratings 5 and 4 for bimtek-digital-padang (a third owner there did not rate) and 3 for pelatihan-ekspor.
    /// </summary>
    private void Mixed()
    {
        ReminderSeed.Standard(Db);
        var owners = new Owners(Db);
        var (ani, budi, citra) = (1L, 2L, 3L);
        var now = ReminderSeed.Now.ToUnixTimeMilliseconds();
        ReminderSeed.Write(Db, store =>
        {
            var followUp = ReminderSeed.Add(store, ani, ReminderKind.TrainingFollowUp, "BTK-7QX", ReminderSeed.At(2026, 12, 12, 9));
            store.Close(followUp, ReminderState.Skipped, ReminderReasons.OutsideWindow, now);
            var turnedOff = ReminderSeed.Add(store, budi, ReminderKind.TrainingIn3Days, "BTK-9ZZ", ReminderSeed.At(2026, 12, 2, 9));
            store.Close(turnedOff, ReminderState.Skipped, ReminderReasons.TurnedOff, now);
            var tooLate = ReminderSeed.Add(store, budi, ReminderKind.TrainingIn1Day, "BTK-9ZZ", ReminderSeed.At(2026, 12, 1, 9));
            store.Close(tooLate, ReminderState.Skipped, ReminderReasons.TooLate, now);
            ReminderSeed.Add(store, citra, ReminderKind.TrainingIn3Days, "BTK-1AA", ReminderSeed.At(2026, 12, 9, 9));
            Assert.Equal(1, store.CancelScheduled(citra, "BTK-1AA", ReminderReasons.RegistrationCancelled, now, ReminderKind.TrainingIn3Days));
            var failed = ReminderSeed.Add(store, citra, ReminderKind.Deadline, "pelatihan-ekspor", ReminderSeed.At(2026, 12, 2, 9));
            store.MarkQueued(failed, 9, now);
            store.Outcome(9, ReminderState.Failed, ReminderReasons.Blocked, now);
            var unreachable = ReminderSeed.Add(store, ani, ReminderKind.Unfinished, "c-1", ReminderSeed.At(2026, 12, 2, 10));
            store.Close(unreachable, ReminderState.Skipped, ReminderReasons.Unreachable, now);
        });

        owners.Registration(ani, "bimtek-digital-padang", "seat");
        owners.Registration(budi, "bimtek-digital-padang", "seat");
        owners.Registration(citra, "bimtek-digital-padang", "seat");
        owners.Registration(citra, "pelatihan-ekspor", "seat");
        Rate(ani, "bimtek-digital-padang", 5);
        Rate(budi, "bimtek-digital-padang", 4);
        Rate(citra, "pelatihan-ekspor", 3);
    }

    private void Rate(long userId, string programId, int rating) => Db.Execute(string.Create(CultureInfo.InvariantCulture,
        $"UPDATE training_registrations SET rating = {rating}, rated_at = 1 WHERE user_id = {userId} AND program_id = '{programId}'"));
}
