using System.Data.Common;
using System.Globalization;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;
using CsvHelper;

namespace ChatAssistant.Reports;

/// <summary>
/// How owners moved through one dialog: conversations started, completed, cancelled and still open (active or
/// paused), the outcomes of the completed ones, and where the others stopped, in the dialog's step order.
/// </summary>
/// <param name="Since">Only conversations started on or after this date (WIB); null for all of them.</param>
internal sealed record FunnelReport(
    string DialogId,
    DateOnly? Since,
    int Started,
    int Completed,
    int Cancelled,
    int Open,
    IReadOnlyList<FunnelOutcome> Outcomes,
    IReadOnlyList<FunnelStop> Stops)
{
    /// <summary>
    /// The CSV columns, one row per line item, long format so that a spreadsheet pivots it directly:
    /// <c>dialog_id</c>; <c>since</c> (yyyy-MM-dd WIB, empty for all time); <c>section</c>: <c>summary</c> (items
    /// started, completed, cancelled, open), <c>outcome</c> (completed conversations by outcome; <c>(none)</c> for an
    /// end without one), <c>stopped_open</c> and <c>stopped_cancelled</c> (not completed, by the step they rest at);
    /// <c>item</c>; <c>position</c> (order within the section: the step's place in the live dialog, empty for a step
    /// no longer in it); <c>count</c>. The completion rate is completed / started of the summary rows.
    /// </summary>
    public static IReadOnlyList<string> CsvHeader { get; } = ["dialog_id", "since", "section", "item", "position", "count"];

    public const string NoOutcome = "(none)";

    public double? CompletionRate => Started == 0 ? null : (double)Completed / Started;

    public static FunnelReport Read(DbConnection connection, DialogDefinition dialog, DateOnly? since)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialog);

        var sinceMs = since is { } date ? Wib.StartOf(date).ToUnixTimeMilliseconds() : long.MinValue;
        int started = 0, completed = 0, cancelled = 0, open = 0;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var stops = new Dictionary<string, (int Open, int Cancelled)>(StringComparer.Ordinal);
        foreach (var (stored, step, storedOutcome, count) in ReportStore.ConversationsByStep(connection, dialog.Id, sinceMs))
        {
            started += count;
            switch ((ConversationStatus)stored)
            {
                case ConversationStatus.Completed:
                    completed += count;
                    var outcome = storedOutcome ?? NoOutcome;
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + count;
                    break;
                case ConversationStatus.Cancelled:
                    cancelled += count;
                    var cancelledAt = stops.GetValueOrDefault(step);
                    stops[step] = (cancelledAt.Open, cancelledAt.Cancelled + count);
                    break;
                default: // active or paused
                    open += count;
                    var openAt = stops.GetValueOrDefault(step);
                    stops[step] = (openAt.Open + count, openAt.Cancelled);
                    break;
            }
        }

        var positions = dialog.Steps.Select((s, i) => (s.Id, Position: i + 1)).ToDictionary(p => p.Id, p => p.Position, StringComparer.Ordinal);
        var stopList = stops
            .Select(s => new FunnelStop(s.Key, positions.TryGetValue(s.Key, out var position) ? position : null, s.Value.Open, s.Value.Cancelled))
            .OrderBy(s => s.Position ?? int.MaxValue)
            .ThenBy(s => s.StepId, StringComparer.Ordinal)
            .ToList();
        var outcomeList = outcomes
            .Select(o => new FunnelOutcome(o.Key == NoOutcome ? null : o.Key, o.Value))
            .OrderByDescending(o => o.Count)
            .ThenBy(o => o.Outcome, StringComparer.Ordinal)
            .ToList();
        return new FunnelReport(dialog.Id, since, started, completed, cancelled, open, outcomeList, stopList);
    }

    /// <summary>The report as aligned text for a terminal.</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var scope = Since is { } since
            ? string.Create(CultureInfo.InvariantCulture, $"conversations started on or after {since:yyyy-MM-dd} (WIB)")
            : "all conversations";
        output.WriteLine($"Funnel of {DialogId}, {scope}");
        output.WriteLine();

        var rate = CompletionRate is { } value ? value.ToString("0.0%", CultureInfo.InvariantCulture) : "-";
        var summary = new (string Label, int Count, string Note)[]
        {
            ("started", Started, string.Empty),
            ("completed", Completed, rate + " of started"),
            ("cancelled", Cancelled, string.Empty),
            ("still open", Open, "active or paused"),
        };
        const string StopsHeading = "Stopped at (not completed)";
        var width = Stops.Select(StopLabel).Concat(Outcomes.Select(o => o.Outcome ?? NoOutcome)).Append("still open")
            .Select(l => l.Length).Append(StopsHeading.Length - 2).Max() + 2;
        foreach (var (label, count, note) in summary)
        {
            output.WriteLine(Line(label, count, note));
        }

        output.WriteLine();
        output.WriteLine("Outcomes (completed)");
        if (Outcomes.Count == 0)
        {
            output.WriteLine("  (none)");
        }

        foreach (var outcome in Outcomes)
        {
            output.WriteLine(Line(outcome.Outcome ?? NoOutcome, outcome.Count, string.Empty));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{StopsHeading.PadRight(width + 2)}{"open",8}{"cancelled",11}"));
        if (Stops.Count == 0)
        {
            output.WriteLine("  (none)");
        }

        foreach (var stop in Stops)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {StopLabel(stop).PadRight(width)}{stop.Open,8}{stop.Cancelled,11}"));
        }

        string Line(string label, int count, string note) =>
            string.Create(CultureInfo.InvariantCulture, $"  {label.PadRight(width)}{count,8}{(note.Length == 0 ? string.Empty : "   " + note)}");
    }

    /// <summary>The report as CSV with a header (see <see cref="CsvHeader"/>).</summary>
    public void WriteCsv(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var csv = OperatorCsv.Create(output);
        csv.WriteHeader([.. CsvHeader]);
        var since = Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
        void Row(string section, string item, int? position, int count) =>
            csv.WriteRecord([DialogId, since, section, item, position?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, count.ToString(CultureInfo.InvariantCulture)]);

        Row("summary", "started", 1, Started);
        Row("summary", "completed", 2, Completed);
        Row("summary", "cancelled", 3, Cancelled);
        Row("summary", "open", 4, Open);
        for (var i = 0; i < Outcomes.Count; i++)
        {
            Row("outcome", Outcomes[i].Outcome ?? NoOutcome, i + 1, Outcomes[i].Count);
        }

        foreach (var stop in Stops.Where(s => s.Open > 0))
        {
            Row("stopped_open", stop.StepId, stop.Position, stop.Open);
        }

        foreach (var stop in Stops.Where(s => s.Cancelled > 0))
        {
            Row("stopped_cancelled", stop.StepId, stop.Position, stop.Cancelled);
        }

        csv.Flush();
    }

    private static string StopLabel(FunnelStop stop) => stop.Position is null ? stop.StepId + " (not in the live version)" : stop.StepId;
}
