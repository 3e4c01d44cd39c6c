using System.Data.Common;
using System.Globalization;
using ChatAssistant.Reminders;
using ChatAssistant.Shared;

namespace ChatAssistant.Reports;

/// <summary>
/// What became of the reminders, per kind: still scheduled, queued, sent, skipped (and why: turned off, opted out,
/// unreachable, outside WhatsApp's window, too late), cancelled, failed; and how owners rated each training when
/// the follow-up asked them. All time: a reminder is counted in the state it is in now.
/// </summary>
internal sealed record ReminderReport(IReadOnlyList<ReminderKindCount> Kinds, IReadOnlyList<TrainingRating> Ratings)
{
    /// <summary>The states as columns, in the order a reminder moves through them.</summary>
    public static IReadOnlyList<ReminderState> States { get; } =
        [ReminderState.Scheduled, ReminderState.Queued, ReminderState.Sent, ReminderState.Skipped, ReminderState.Cancelled, ReminderState.Failed];

    /// <summary>
    /// The CSV columns, one row per line item, long format so that a spreadsheet pivots it directly:
    /// <c>section</c>: <c>state</c> (reminders of the kind in that state), <c>skipped</c> (skipped ones by reason) or
    /// <c>rating</c> (kind training_followup; item the programme id; <c>average</c> its mean rating);
    /// <c>kind</c>; <c>item</c>; <c>count</c>; <c>average</c> (ratings only, two decimals, a point).
    /// </summary>
    public static IReadOnlyList<string> CsvHeader { get; } = ["section", "kind", "item", "count", "average"];

    public static ReminderReport Read(DbConnection connection) =>
        new(ReminderReader.CountsByKind(connection), ReminderReader.Ratings(connection));

    /// <summary>The skip reasons as columns: the five every deployment has, then any other one found (e.g. from a later release).</summary>
    public IReadOnlyList<string> SkipReasons =>
        [.. ReminderKindCount.SkipReasons, .. Kinds.SelectMany(k => k.SkippedBy.Keys).Distinct().Where(r => !ReminderKindCount.SkipReasons.Contains(r)).Order(StringComparer.Ordinal)];

    /// <summary>The report as aligned text for a terminal: each column as wide as its heading needs, numbers right-aligned under it.</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var width = Kinds.Select(k => k.Kind.Name().Length).Append("total".Length).Max() + 2;
        output.WriteLine("Reminders by kind (all time, each counted in the state it is in now)");
        output.WriteLine();
        var states = States.Select(s => s.Name()).ToList();
        output.WriteLine(Row("kind", width, states, states));
        foreach (var kind in Kinds)
        {
            output.WriteLine(Row(kind.Kind.Name(), width, states, States.Select(s => Number(kind.Count(s)))));
        }

        output.WriteLine(Row("total", width, states, States.Select(s => Number(Kinds.Sum(k => k.Count(s))))));

        output.WriteLine();
        output.WriteLine("Skipped, by reason");
        var skipping = Kinds.Where(k => k.Count(ReminderState.Skipped) > 0).ToList();
        if (skipping.Count == 0)
        {
            output.WriteLine("  (none)");
        }
        else
        {
            var reasons = SkipReasons;
            output.WriteLine(Row("kind", width, reasons, reasons));
            foreach (var kind in skipping)
            {
                output.WriteLine(Row(kind.Kind.Name(), width, reasons, reasons.Select(r => Number(kind.Skipped(r)))));
            }
        }

        output.WriteLine();
        output.WriteLine("Training ratings (the follow-up's one question, per programme)");
        if (Ratings.Count == 0)
        {
            output.WriteLine("  (none yet)");
        }
        else
        {
            var programmeWidth = Ratings.Select(r => r.ProgramId.Length).Append("programme".Length).Max() + 2;
            string[] headings = ["ratings", "average"];
            output.WriteLine(Row("programme", programmeWidth, headings, headings));
            foreach (var rating in Ratings)
            {
                output.WriteLine(Row(rating.ProgramId, programmeWidth, headings, [Number(rating.Count), Average(rating.Average, "0.0")]));
            }
        }

        static string Row(string label, int labelWidth, IReadOnlyList<string> headings, IEnumerable<string> cells) =>
            "  " + label.PadRight(labelWidth) + string.Concat(cells.Select((cell, i) => cell.PadLeft(Math.Max(10, headings[i].Length + 2))));
    }

    /// <summary>The report as CSV with a header (see <see cref="CsvHeader"/>).</summary>
    public void WriteCsv(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var csv = OperatorCsv.Create(output);
        csv.WriteHeader([.. CsvHeader]);
        foreach (var kind in Kinds)
        {
            foreach (var state in States)
            {
                csv.WriteRecord(["state", kind.Kind.Name(), state.Name(), Number(kind.Count(state)), string.Empty]);
            }
        }

        var reasons = SkipReasons;
        foreach (var kind in Kinds)
        {
            foreach (var reason in reasons)
            {
                csv.WriteRecord(["skipped", kind.Kind.Name(), reason, Number(kind.Skipped(reason)), string.Empty]);
            }
        }

        foreach (var rating in Ratings)
        {
            csv.WriteRecord(["rating", ReminderKind.TrainingFollowUp.Name(), rating.ProgramId, Number(rating.Count), Average(rating.Average, "0.00")]);
        }

        csv.Flush();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Average(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
