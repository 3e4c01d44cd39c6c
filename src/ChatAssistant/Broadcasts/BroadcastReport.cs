using System.Globalization;
using ChatAssistant.Shared;
using CsvHelper;

namespace ChatAssistant.Broadcasts;

/// <summary>Every broadcast, newest first: its times, its recipients by status and its send rate.</summary>
internal static class BroadcastReport
{
    public const string NoBroadcasts = "No broadcasts yet.";

    /// <summary>
    /// The CSV columns, one row per broadcast: times in ISO 8601 WIB (+07:00), empty when not reached;
    /// <c>recipients</c> is every recipient, then the count per recipient status (<c>cancelled</c> counts recipients,
    /// <c>cancelled_at</c> is the broadcast's); <c>sends_per_second</c> is sent / seconds from started_at to last_sent_at.
    /// </summary>
    public static IReadOnlyList<string> CsvHeader { get; } =
    [
        "id", "created_at", "created_by", "status", "segment", "scheduled_at", "started_at", "finished_at", "cancelled_at",
        "recipients", "waiting", "queued", "sent", "failed", "blocked", "opted_out", "uncertain", "cancelled",
        "last_sent_at", "sends_per_second",
    ];

    /// <summary>One block of lines per broadcast: a table row would be too wide for a terminal with four times in it.</summary>
    public static void WriteText(TextWriter output, IReadOnlyList<BroadcastSummary> broadcasts)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(broadcasts);
        if (broadcasts.Count == 0)
        {
            output.WriteLine(NoBroadcasts);
            return;
        }

        foreach (var b in broadcasts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"#{b.Id} {b.Status.Name()}, created {Wib.Format(b.CreatedAt)} by {b.CreatedBy}, segment: {(b.Segment.Length == 0 ? "every owner" : b.Segment)}"));
            var times = new List<string> { "scheduled " + Wib.Format(b.ScheduledAt) };
            if (b.StartedAt is { } started)
            {
                times.Add("started " + Wib.Format(started));
            }

            if (b.FinishedAt is { } finished)
            {
                times.Add("finished " + Wib.Format(finished));
            }

            if (b.CancelledAt is { } cancelled)
            {
                times.Add("cancelled " + Wib.Format(cancelled));
            }

            output.WriteLine("  " + string.Join(", ", times));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  recipients {b.Recipients}: waiting {b.Waiting}, queued {b.Queued}, sent {b.Sent}, failed {b.Failed}, blocked {b.Blocked}, opted_out {b.OptedOut}, uncertain {b.Uncertain}, cancelled {b.CancelledRecipients}"));
            if (b.Waiting > 0 || b.Uncertain > 0)
            {
                output.WriteLine("  (waiting: not queued yet, e.g. quiet hours until the owner's morning; uncertain: on the wire when the worker stopped, most likely delivered, never sent again)");
            }

            output.WriteLine(b.SendRate is { } rate
                ? string.Create(CultureInfo.InvariantCulture, $"  send rate {rate:0.0} messages/s (last sent {Wib.Format(b.LastSentAt)})")
                : "  send rate -");
            output.WriteLine();
        }
    }

    public static void WriteCsv(TextWriter output, IReadOnlyList<BroadcastSummary> broadcasts)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(broadcasts);
        using var csv = OperatorCsv.Create(output);
        csv.WriteHeader([.. CsvHeader]);
        foreach (var b in broadcasts)
        {
            csv.WriteRecord(
            [
                Number(b.Id), Wib.Format(b.CreatedAt), b.CreatedBy, b.Status.Name(), b.Segment, Wib.Format(b.ScheduledAt), Wib.Format(b.StartedAt),
                Wib.Format(b.FinishedAt), Wib.Format(b.CancelledAt), Number(b.Recipients), Number(b.Waiting), Number(b.Queued), Number(b.Sent),
                Number(b.Failed), Number(b.Blocked), Number(b.OptedOut), Number(b.Uncertain), Number(b.CancelledRecipients),
                Wib.Format(b.LastSentAt), b.SendRate?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty,
            ]);
        }

        csv.Flush();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
