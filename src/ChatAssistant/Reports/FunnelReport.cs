using System.Data.Common;
using System.Globalization;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;
using CsvHelper;

namespace ChatAssistant.Reports;

/// <summary>
/// How owners moved through one dialog: conversations started, completed, cancelled and still open (active or
/// paused), the outcomes of the completed ones, and where the others stopped, in the dialog's step order; the same
/// for each channel the owners came on (<see cref="Channels"/>).
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
    /// <summary>The chat channels with a count column of their own in the CSV, after <c>count</c> (all channels). Before <see cref="CsvHeader"/>, which is built from it.</summary>
    private static readonly string[] CsvChannels = [ChannelNames.Telegram, ChannelNames.WhatsApp];

    /// <summary>
    /// The CSV columns, one row per line item, long format so that a spreadsheet pivots it directly:
    /// <c>dialog_id</c>; <c>since</c> (yyyy-MM-dd WIB, empty for all time); <c>section</c>: <c>summary</c> (items
    /// started, completed, cancelled, open), <c>outcome</c> (completed conversations by outcome; <c>(none)</c> for an
    /// end without one), <c>stopped_open</c> and <c>stopped_cancelled</c> (not completed, by the step they rest at);
    /// <c>item</c>; <c>position</c> (order within the section: the step's place in the live dialog, empty for a step
    /// no longer in it); <c>count</c> (every channel); <c>telegram</c> and <c>whatsapp</c> (the part of the count on that
    /// channel). The completion rate is completed / started of the summary rows.
    /// </summary>
    public static IReadOnlyList<string> CsvHeader { get; } = ["dialog_id", "since", "section", "item", "position", "count", .. CsvChannels];

    public const string NoOutcome = "(none)";

    public double? CompletionRate => Started == 0 ? null : (double)Completed / Started;

    /// <summary>
    /// The same report for each channel the conversations came from (by name): set on the report of all channels,
    /// empty on a channel's own report. Its counts add up to the report's.
    /// </summary>
    public IReadOnlyList<FunnelReport> Channels { get; init; } = [];

    /// <summary>The channel a report of <see cref="Channels"/> counts; null for every channel.</summary>
    public string? Channel { get; init; }

    public static FunnelReport Read(DbConnection connection, DialogDefinition dialog, DateOnly? since)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialog);

        var sinceMs = since is { } date ? Wib.StartOf(date).ToUnixTimeMilliseconds() : long.MinValue;
        var rows = ReportStore.ConversationsByStep(connection, dialog.Id, sinceMs);
        var channels = rows
            .GroupBy(r => r.Channel, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Build(dialog, since, g) with { Channel = g.Key })
            .ToList();
        return Build(dialog, since, rows) with { Channels = channels };
    }

    private static FunnelReport Build(DialogDefinition dialog, DateOnly? since, IEnumerable<(string Channel, int Status, string StepId, string? Outcome, int Count)> rows)
    {
        int started = 0, completed = 0, cancelled = 0, open = 0;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var stops = new Dictionary<string, (int Open, int Cancelled)>(StringComparer.Ordinal);
        foreach (var (_, stored, step, storedOutcome, count) in rows)
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

    /// <summary>
    /// The report as aligned text for a terminal. When the conversations came from more than one channel, every count
    /// has a column per channel beside the total (one channel's column would only repeat the total).
    /// </summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var scope = Since is { } since
            ? string.Create(CultureInfo.InvariantCulture, $"conversations started on or after {since:yyyy-MM-dd} (WIB)")
            : "all conversations";
        output.WriteLine($"Funnel of {DialogId}, {scope}");
        output.WriteLine();

        var split = Channels.Count > 1 ? Channels : [];
        var columns = split.Select(c => Math.Max(10, c.Channel!.Length + 2)).ToArray();
        var rate = Rate(this) + " of started";
        if (split.Count > 0)
        {
            rate += " (" + string.Join(", ", split.Select(c => c.Channel + " " + Rate(c))) + ")";
        }

        var summary = new (string Label, Func<FunnelReport, int> Count, string Note)[]
        {
            ("started", r => r.Started, string.Empty),
            ("completed", r => r.Completed, rate),
            ("cancelled", r => r.Cancelled, string.Empty),
            ("still open", r => r.Open, "active or paused"),
        };
        const string StopsHeading = "Stopped at (not completed)";
        var width = Stops.Select(StopLabel).Concat(Outcomes.Select(o => o.Outcome ?? NoOutcome)).Append("still open")
            .Select(l => l.Length).Append(StopsHeading.Length - 2).Max() + 2;
        if (split.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {string.Empty.PadRight(width)}{"total",8}{ChannelHeadings()}"));
        }

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
            output.WriteLine(Line(outcome.Outcome ?? NoOutcome, r => r.Outcomes.FirstOrDefault(o => o.Outcome == outcome.Outcome)?.Count ?? 0, string.Empty));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{StopsHeading.PadRight(width + 2)}{"open",8}{"cancelled",11}{ChannelHeadings()}"));
        if (Stops.Count == 0)
        {
            output.WriteLine("  (none)");
        }

        foreach (var stop in Stops)
        {
            // Per channel: the conversations resting there, open and cancelled together.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {StopLabel(stop).PadRight(width)}{stop.Open,8}{stop.Cancelled,11}{PerChannel(r => r.Stops.FirstOrDefault(s => s.StepId == stop.StepId) is { } at ? at.Open + at.Cancelled : 0)}"));
        }

        string Line(string label, Func<FunnelReport, int> count, string note) =>
            string.Create(CultureInfo.InvariantCulture, $"  {label.PadRight(width)}{count(this),8}{PerChannel(count)}{(note.Length == 0 ? string.Empty : "   " + note)}");

        string ChannelHeadings() => string.Concat(split.Select((c, i) => c.Channel!.PadLeft(columns[i])));

        string PerChannel(Func<FunnelReport, int> count) =>
            string.Concat(split.Select((c, i) => count(c).ToString(CultureInfo.InvariantCulture).PadLeft(columns[i])));

        static string Rate(FunnelReport report) =>
            report.CompletionRate is { } value ? value.ToString("0.0%", CultureInfo.InvariantCulture) : "-";
    }

    /// <summary>The report as CSV with a header (see <see cref="CsvHeader"/>).</summary>
    public void WriteCsv(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var csv = OperatorCsv.Create(output);
        csv.WriteHeader([.. CsvHeader]);
        var since = Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
        var byChannel = CsvChannels.Select(name => Channels.FirstOrDefault(c => c.Channel == name)).ToArray();
        void Row(string section, string item, int? position, Func<FunnelReport, int> count) =>
            csv.WriteRecord(
            [
                DialogId, since, section, item, position?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, Number(count(this)),
                .. byChannel.Select(c => Number(c is null ? 0 : count(c))),
            ]);

        Row("summary", "started", 1, r => r.Started);
        Row("summary", "completed", 2, r => r.Completed);
        Row("summary", "cancelled", 3, r => r.Cancelled);
        Row("summary", "open", 4, r => r.Open);
        for (var i = 0; i < Outcomes.Count; i++)
        {
            var outcome = Outcomes[i].Outcome;
            Row("outcome", outcome ?? NoOutcome, i + 1, r => r.Outcomes.FirstOrDefault(o => o.Outcome == outcome)?.Count ?? 0);
        }

        foreach (var stop in Stops.Where(s => s.Open > 0))
        {
            Row("stopped_open", stop.StepId, stop.Position, r => r.Stops.FirstOrDefault(s => s.StepId == stop.StepId)?.Open ?? 0);
        }

        foreach (var stop in Stops.Where(s => s.Cancelled > 0))
        {
            Row("stopped_cancelled", stop.StepId, stop.Position, r => r.Stops.FirstOrDefault(s => s.StepId == stop.StepId)?.Cancelled ?? 0);
        }

        csv.Flush();

        static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private static string StopLabel(FunnelStop stop) => stop.Position is null ? stop.StepId + " (not in the live version)" : stop.StepId;
}
