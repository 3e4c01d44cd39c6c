using ChatAssistant.Reports;

namespace ChatAssistant.OperatorConsole.Dashboard;

/// <summary>
/// One dialog's funnel as horizontal bars on one scale (the conversations started): started, completed, then each
/// step where the others rest, in the dialog's order, split into those still there (open or paused) and those who
/// cancelled there. A dialog branches, so a step's bar counts the conversations resting at it, not those that passed
/// it. Each row's label says its numbers in text above the bar, and the whole row width is the bar's, so long step
/// names fit on a phone.
/// </summary>
internal static class FunnelChart
{
    public const string StartedColour = "#0072B2";
    public const string CompletedColour = "#009E73";
    public const string OpenColour = "#56B4E9";
    public const string CancelledColour = "#D55E00";

    private const double Width = 360;
    private const double Left = 6;
    private const double Right = 354;
    private const double Top = 28;
    private const double RowHeight = 36;
    private const double Bar = 12;
    private const int MaxLabel = 34;

    public static string Render(FunnelReport report, string dialogTitle, string id)
    {
        ArgumentNullException.ThrowIfNull(report);
        var svg = new Svg();
        svg.Rect(Left, 8, 12, 12, OpenColour).Text(Left + 16, 18, "Masih di sana (still there)")
            .Rect(Left + 214, 8, 12, 12, CancelledColour).Text(Left + 230, 18, "Batal (cancelled)");

        var scale = Math.Max(1, report.Started);
        var y = Top;
        Row($"Dimulai (started): {DashboardText.Number(report.Started)}", [(report.Started, StartedColour)]);
        Row($"Selesai (completed): {DashboardText.Number(report.Completed)} ({DashboardText.Percent(report.Completed, report.Started)})", [(report.Completed, CompletedColour)]);
        foreach (var stop in report.Stops)
        {
            Row($"{StepLabel(stop)}: {DashboardText.Number(stop.Open + stop.Cancelled)} ({DashboardText.Number(stop.Open)} masih, {DashboardText.Number(stop.Cancelled)} batal)",
                [(stop.Open, OpenColour), (stop.Cancelled, CancelledColour)]);
        }

        return svg.Build(id, Width, y + 4, $"Corong {dialogTitle}: di mana pemilik berhenti (funnel: where owners stop)", Describe(report));

        void Row(string label, (int Count, string Colour)[] parts)
        {
            svg.Text(Left, y + 12, label);
            var x = Left;
            var full = Right - Left;
            svg.Rect(Left, y + 17, full, Bar, "#f0f0f0");
            foreach (var (count, colour) in parts.Where(p => p.Count > 0))
            {
                var width = full * count / scale;
                svg.Rect(x, y + 17, width, Bar, colour, label);
                x += width;
            }

            y += RowHeight;
        }
    }

    /// <summary>The funnel in words: how many started and completed, and the step where most of the others rest.</summary>
    public static string Describe(FunnelReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Started == 0)
        {
            return "Belum ada percakapan pada hari-hari ini. (No conversations in these days.)";
        }

        var text = $"{DashboardText.Number(report.Started)} percakapan dimulai, {DashboardText.Number(report.Completed)} selesai ({DashboardText.Percent(report.Completed, report.Started)}), {DashboardText.Number(report.Cancelled)} batal, {DashboardText.Number(report.Open)} masih berjalan.";
        if (report.Stops.Count > 0)
        {
            var most = report.Stops.MaxBy(s => s.Open + s.Cancelled)!;
            text += $" Paling banyak berhenti di {StepLabel(most)}: {DashboardText.Number(most.Open + most.Cancelled)}.";
        }

        return text;
    }

    /// <summary>The step's id, shortened for a phone's width; a step of an older version of the dialog says so.</summary>
    public static string StepLabel(FunnelStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var name = stop.StepId.Length > MaxLabel ? stop.StepId[..(MaxLabel - 1)] + "…" : stop.StepId;
        return stop.Position is null ? name + " (versi lama)" : name;
    }
}
