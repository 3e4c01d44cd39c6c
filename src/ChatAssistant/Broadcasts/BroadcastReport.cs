using System.Globalization;
using ChatAssistant.Shared;
using CsvHelper;

namespace ChatAssistant.Broadcasts;

/// <summary>Every broadcast, newest first: its times, its recipients by status and by channel, WhatsApp's deliveries and its send rate.</summary>
internal static class BroadcastReport
{
    public const string NoBroadcasts = "No broadcasts yet.";

    /// <summary>
    /// The CSV columns, one row per broadcast: times in ISO 8601 WIB (+07:00), empty when not reached;
    /// <c>recipients</c> is every recipient, then the count per recipient status (<c>cancelled</c> counts recipients,
    /// <c>cancelled_at</c> is the broadcast's); <c>sends_per_second</c> is sent / seconds from started_at to last_sent_at;
    /// then recipients and sent per chat channel, and what WhatsApp reported of the ones sent there: delivered
    /// (read ones included), read, and not delivered (failed before any delivery). Telegram reports no deliveries.
    /// Last, WhatsApp recipients outside the 24-hour window not sent (<c>outside_window</c>) and sent the approved template (<c>via_template</c>).
    /// </summary>
    public static IReadOnlyList<string> CsvHeader { get; } =
    [
        "id", "created_at", "created_by", "status", "segment", "scheduled_at", "started_at", "finished_at", "cancelled_at",
        "recipients", "waiting", "queued", "sent", "failed", "blocked", "opted_out", "uncertain", "cancelled",
        "last_sent_at", "sends_per_second",
        "telegram_recipients", "telegram_sent", "whatsapp_recipients", "whatsapp_sent", "whatsapp_delivered", "whatsapp_read", "whatsapp_not_delivered",
        "outside_window", "via_template",
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
                $"  recipients {b.Recipients}: waiting {b.Waiting}, queued {b.Queued}, sent {b.Sent}, failed {b.Failed}, blocked {b.Blocked}, opted_out {b.OptedOut}, uncertain {b.Uncertain}, cancelled {b.CancelledRecipients}{(b.OutsideWindow > 0 ? $", outside_window {b.OutsideWindow}" : string.Empty)}"));
            if (b.ViaTemplate > 0 || b.OutsideWindow > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  WhatsApp outside the 24-hour window: {b.ViaTemplate} sent as the approved template, {b.OutsideWindow} not sent (no template, or refused as outside the window)"));
            }

            if (b.Waiting > 0 || b.Uncertain > 0)
            {
                output.WriteLine("  (waiting: not queued yet, e.g. quiet hours until the owner's morning; uncertain: on the wire when the worker stopped, most likely delivered, never sent again)");
            }

            WriteChannels(output, b);
            output.WriteLine(b.SendRate is { } rate
                ? string.Create(CultureInfo.InvariantCulture, $"  send rate {rate:0.0} messages/s (last sent {Wib.Format(b.LastSentAt)})")
                : "  send rate -");
            output.WriteLine();
        }
    }

    /// <summary>
    /// A line per channel when the broadcast reaches owners on more than one (its statuses that have recipients), and
    /// a line of deliveries for each channel that reports them. A broadcast on Telegram alone reads as it always did.
    /// </summary>
    private static void WriteChannels(TextWriter output, BroadcastSummary b)
    {
        if (b.Channels.Count > 1)
        {
            foreach (var channel in b.Channels)
            {
                var statuses = RecipientStatuses.All.Where(s => channel.Count(s) > 0).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name()} {channel.Count(s)}"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {channel.Channel} {channel.Recipients}: {string.Join(", ", statuses)}{(channel.Deliveries is null ? " (no delivery reports on " + channel.Channel + ")" : string.Empty)}"));
            }
        }

        foreach (var channel in b.Channels)
        {
            if (channel.Deliveries is { } d)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {channel.Channel} deliveries of the {d.Sent} sent: delivered {d.Delivered} (read {d.Read}), not delivered {d.NotDelivered}, no report yet {d.NotReported}"));
            }
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
                .. ChannelColumns(b),
                Number(b.OutsideWindow), Number(b.ViaTemplate),
            ]);
        }

        csv.Flush();
    }

    /// <summary>The per-channel columns: recipients and sent on Telegram and WhatsApp, and WhatsApp's deliveries (read ones count as delivered).</summary>
    private static IEnumerable<string> ChannelColumns(BroadcastSummary b)
    {
        var telegram = b.Channels.FirstOrDefault(c => c.Channel == ChannelNames.Telegram);
        var whatsApp = b.Channels.FirstOrDefault(c => c.Channel == ChannelNames.WhatsApp);
        var deliveries = whatsApp?.Deliveries;
        return new[]
        {
            telegram?.Recipients ?? 0, telegram?.Count(RecipientStatus.Sent) ?? 0, whatsApp?.Recipients ?? 0, whatsApp?.Count(RecipientStatus.Sent) ?? 0,
            deliveries?.Delivered ?? 0, deliveries?.Read ?? 0, deliveries?.NotDelivered ?? 0,
        }.Select(n => Number(n));
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
