namespace ChatAssistant.OperatorConsole.Dashboard;

/// <summary>
/// Conversations started and completed per day as a bar chart: a pair of bars per day on a y axis of round steps,
/// every day's date under it when there is room, else every few days counted back from the last (today is always
/// labelled). Colours are from the Okabe-Ito set, which readers with colour blindness tell apart; the legend names
/// them and each bar's tooltip says its number.
/// </summary>
internal static class DailyChart
{
    public const string StartedColour = "#0072B2";
    public const string CompletedColour = "#E69F00";
    public const string Title = "Percakapan dimulai dan selesai per hari (conversations started and completed per day)";

    private const double Width = 360;
    private const double Height = 236;
    private const double Left = 40;
    private const double Right = 354;
    private const double Top = 34;
    private const double Baseline = 196;
    private const int MaxLabels = 8;

    public static string Render(IReadOnlyList<DayCount> days, string id)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            throw new ArgumentException("A chart needs at least one day.", nameof(days));
        }

        var svg = new Svg();
        svg.Rect(Left, 8, 12, 12, StartedColour).Text(Left + 16, 18, "Dimulai (started)")
            .Rect(Left + 150, 8, 12, 12, CompletedColour).Text(Left + 166, 18, "Selesai (completed)");

        var (step, top) = Scale(days.Max(d => Math.Max(d.Started, d.Completed)));
        for (var tick = 0; tick <= top; tick += step)
        {
            var y = Y(tick, top);
            svg.Line(Left, y, Right, y, tick == 0 ? "#555" : "#ddd").Text(Left - 4, y + 4, DashboardText.Number(tick), "end");
        }

        var group = (Right - Left) / days.Count;
        var bar = Math.Min(group * 0.38, 14);
        var every = (days.Count + MaxLabels - 1) / MaxLabels;
        int? labelledMonth = null;
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var centre = Left + (i * group) + (group / 2);
            if (day.Started > 0)
            {
                svg.Rect(centre - bar - 0.5, Y(day.Started, top), bar, Baseline - Y(day.Started, top), StartedColour,
                    $"{DashboardText.Day(day.Day)}: {DashboardText.Number(day.Started)} dimulai");
            }

            if (day.Completed > 0)
            {
                svg.Rect(centre + 0.5, Y(day.Completed, top), bar, Baseline - Y(day.Completed, top), CompletedColour,
                    $"{DashboardText.Day(day.Day)}: {DashboardText.Number(day.Completed)} selesai");
            }

            if ((days.Count - 1 - i) % every == 0)
            {
                svg.Text(centre, Baseline + 16, day.Day.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), "middle");
                if (labelledMonth != day.Day.Month)
                {
                    svg.Text(centre, Baseline + 31, DashboardText.Month(day.Day), "middle");
                    labelledMonth = day.Day.Month;
                }
            }
        }

        return svg.Build(id, Width, Height, Title, Describe(days));
    }

    /// <summary>The chart in words: the days, the totals and the busiest day (the first of equals).</summary>
    public static string Describe(IReadOnlyList<DayCount> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var started = days.Sum(d => d.Started);
        var completed = days.Sum(d => d.Completed);
        var text = $"{DashboardText.Date(days[0].Day)} sampai {DashboardText.Date(days[^1].Day)} (WIB): {DashboardText.Number(started)} dimulai, {DashboardText.Number(completed)} selesai.";
        if (started > 0)
        {
            var busiest = days.MaxBy(d => d.Started)!;
            text += $" Paling banyak dimulai pada {DashboardText.Day(busiest.Day)}: {DashboardText.Number(busiest.Started)}.";
        }

        return text;
    }

    /// <summary>
    /// A step of 1, 2 or 5 times a power of ten giving at most five gridlines above zero, and the top of the axis: the
    /// first step at or above <paramref name="max"/> (one step for an empty chart).
    /// </summary>
    public static (int Step, int Top) Scale(int max)
    {
        var step = 1;
        for (var magnitude = 1; ; magnitude *= 10)
        {
            if (Fits(magnitude, out step) || Fits(2 * magnitude, out step) || Fits(5 * magnitude, out step))
            {
                break;
            }
        }

        var steps = Math.Max(1, (max + step - 1) / step);
        return (step, steps * step);

        bool Fits(int candidate, out int chosen)
        {
            chosen = candidate;
            return (max + candidate - 1) / candidate <= 5;
        }
    }

    private static double Y(int value, int top) => Baseline - ((Baseline - Top) * value / top);
}
