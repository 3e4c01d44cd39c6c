using System.Globalization;
using System.Xml.Linq;
using ChatAssistant.OperatorConsole.Dashboard;
using ChatAssistant.Reports;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The dashboard's charts as SVG text: well-formed, one image named by its title and described in words with the
/// numbers, bars as tall or as long as their counts, readable labels, and every text from data encoded.
/// </summary>
public sealed class DashboardChartTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_daily_chart_is_an_image_named_by_its_title_and_described_with_its_numbers()
    {
        var svg = Parse(DailyChart.Render(Days(14, i => (i, i / 2)), "harian"));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("harian-title harian-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal(DailyChart.Title, svg.Element(SvgNs + "title")!.Value);
        Assert.Equal("harian-title", (string?)svg.Element(SvgNs + "title")!.Attribute("id"));
        var desc = svg.Element(SvgNs + "desc")!;
        Assert.Equal("harian-desc", (string?)desc.Attribute("id"));
        // 0 + 1 + ... + 13 = 91 started; 0+0+1+1+...+6+6 = 42 completed; the busiest day is the last, 30 November.
        Assert.Equal("17 Nov 2026 sampai 30 Nov 2026 (WIB): 91 dimulai, 42 selesai. Paling banyak dimulai pada 30 Nov: 13.", desc.Value);
    }

    [Fact]
    public void Each_day_has_a_bar_per_count_as_tall_as_its_count_and_none_for_zero()
    {
        var svg = Parse(DailyChart.Render(Days(7, i => (i * 2, i == 3 ? 12 : 0)), "harian"));

        var started = Bars(svg, DailyChart.StartedColour);
        var completed = Bars(svg, DailyChart.CompletedColour);
        Assert.Equal(6, started.Count); // day 0 started none
        Assert.Single(completed);
        Assert.Equal("20 Nov: 12 selesai", completed[0].Element(SvgNs + "title")!.Value);
        Assert.Equal("23 Nov: 12 dimulai", started[^1].Element(SvgNs + "title")!.Value);

        // The two twelves are equally tall, the others in proportion, all standing on the same baseline.
        var heights = started.Select(b => Number(b, "height")).ToList();
        Assert.Equal(Number(completed[0], "height"), heights[^1], 1);
        Assert.Equal(heights[^1] / 6, heights[0], 1);
        Assert.Single(started.Concat(completed).Select(b => Math.Round(Number(b, "y") + Number(b, "height"), 1)).Distinct());
    }

    [Fact]
    public void The_axis_has_round_steps_and_at_most_five_lines_above_zero()
    {
        Assert.Equal((1, 1), DailyChart.Scale(0));
        Assert.Equal((1, 5), DailyChart.Scale(5));
        Assert.Equal((2, 6), DailyChart.Scale(6));
        Assert.Equal((5, 25), DailyChart.Scale(23));
        Assert.Equal((500, 1500), DailyChart.Scale(1234));
        Assert.Equal((20_000, 100_000), DailyChart.Scale(100_000));

        var svg = Parse(DailyChart.Render(Days(7, i => (i == 0 ? 1234 : 0, 0)), "harian"));
        var ticks = svg.Elements(SvgNs + "text").Where(t => (string?)t.Attribute("text-anchor") == "end").Select(t => t.Value);
        Assert.Equal(["0", "500", "1.000", "1.500"], ticks);
    }

    [Fact]
    public void Thirty_days_label_at_most_eight_dates_always_today_and_each_month_once()
    {
        var svg = Parse(DailyChart.Render(Days(30, _ => (1, 1)), "harian"));

        var labels = svg.Elements(SvgNs + "text").Where(t => (string?)t.Attribute("text-anchor") == "middle").Select(t => t.Value).ToList();
        var dates = labels.Where(l => int.TryParse(l, out _)).ToList();
        Assert.InRange(dates.Count, 5, 8);
        Assert.Equal("16", dates[^1]); // 17 November + 29 days
        Assert.Equal(["Nov", "Des"], labels.Where(l => !int.TryParse(l, out _)));
    }

    [Fact]
    public void An_empty_period_draws_an_empty_axis_and_says_nothing_happened()
    {
        var svg = Parse(DailyChart.Render(Days(7, _ => (0, 0)), "harian"));

        Assert.Empty(Bars(svg, DailyChart.StartedColour));
        Assert.Equal("17 Nov 2026 sampai 23 Nov 2026 (WIB): 0 dimulai, 0 selesai.", svg.Element(SvgNs + "desc")!.Value);
    }

    [Fact]
    public void The_funnel_draws_started_completed_and_each_stop_on_one_scale_in_the_dialogs_order()
    {
        var report = new FunnelReport("sales", null, Started: 8, Completed: 3, Cancelled: 2, Open: 3, [new FunnelOutcome("micro", 3)],
        [
            new FunnelStop("name", 2, Open: 1, Cancelled: 1),
            new FunnelStop("sales", 3, Open: 1, Cancelled: 0),
            new FunnelStop("old-step", null, Open: 1, Cancelled: 1),
        ]);

        var svg = Parse(FunnelChart.Render(report, "Cek omzet", "corong-sales"));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Corong Cek omzet: di mana pemilik berhenti (funnel: where owners stop)", svg.Element(SvgNs + "title")!.Value);
        Assert.Equal(
            "8 percakapan dimulai, 3 selesai (37,5%), 2 batal, 3 masih berjalan. Paling banyak berhenti di name: 2.",
            svg.Element(SvgNs + "desc")!.Value);

        var rows = svg.Elements(SvgNs + "text").Select(t => t.Value).Skip(2).ToList(); // after the legend
        Assert.Equal(
            [
                "Dimulai (started): 8",
                "Selesai (completed): 3 (37,5%)",
                "name: 2 (1 masih, 1 batal)",
                "sales: 1 (1 masih, 0 batal)",
                "old-step (versi lama): 2 (1 masih, 1 batal)",
            ],
            rows);

        var full = Number(Bars(svg, FunnelChart.StartedColour).Single(), "width");
        Assert.Equal(full * 3 / 8, Number(Bars(svg, FunnelChart.CompletedColour).Single(), "width"), 1);
        Assert.Equal([full / 8, full / 8, full / 8], Bars(svg, FunnelChart.OpenColour).Select(b => Math.Round(Number(b, "width"), 1)));
        Assert.Equal(2, Bars(svg, FunnelChart.CancelledColour).Count);

        // The cancelled part of a stop starts where its still-open part ends.
        var open = Bars(svg, FunnelChart.OpenColour)[0];
        var cancelled = Bars(svg, FunnelChart.CancelledColour)[0];
        Assert.Equal(Number(open, "x") + Number(open, "width"), Number(cancelled, "x"), 1);
        Assert.Equal(Number(open, "y"), Number(cancelled, "y"));
    }

    [Fact]
    public void A_funnel_without_conversations_says_so_and_draws_no_bar()
    {
        var report = new FunnelReport("sales", new DateOnly(2026, 11, 17), 0, 0, 0, 0, [], []);

        var svg = Parse(FunnelChart.Render(report, "Cek omzet", "corong-sales"));

        Assert.Equal("Belum ada percakapan pada hari-hari ini. (No conversations in these days.)", svg.Element(SvgNs + "desc")!.Value);
        Assert.Empty(Bars(svg, FunnelChart.StartedColour));
        Assert.Contains(svg.Elements(SvgNs + "text"), t => t.Value == "Selesai (completed): 0 (-)");
    }

    [Fact]
    public void Text_from_dialogs_is_encoded_and_long_step_names_are_shortened()
    {
        var step = "langkah-<b>&-" + new string('x', 60);
        var report = new FunnelReport("d", null, 1, 0, 0, 1, [], [new FunnelStop(step, 1, Open: 1, Cancelled: 0)]);

        var text = FunnelChart.Render(report, "Tom & Jerry <script>", "corong-d");

        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        var svg = Parse(text);
        Assert.StartsWith("Corong Tom & Jerry <script>:", svg.Element(SvgNs + "title")!.Value, StringComparison.Ordinal);
        var label = svg.Elements(SvgNs + "text").Last().Value;
        Assert.StartsWith("langkah-<b>&-xxx", label, StringComparison.Ordinal);
        Assert.Contains("…: 1 (1 masih, 0 batal)", label, StringComparison.Ordinal);
        Assert.True(label.IndexOf(':', StringComparison.Ordinal) <= 34);
    }

    /// <summary>Days from 17 November 2026, their counts by index.</summary>
    private static List<DayCount> Days(int count, Func<int, (int Started, int Completed)> counts) =>
        [.. Enumerable.Range(0, count).Select(i => (Day: new DateOnly(2026, 11, 17).AddDays(i), Counts: counts(i))).Select(d => new DayCount(d.Day, d.Counts.Started, d.Counts.Completed))];

    private static XElement Parse(string svg)
    {
        var root = XElement.Parse(svg);
        Assert.Equal(SvgNs + "svg", root.Name);
        return root;
    }

    private static List<XElement> Bars(XElement svg, string colour) =>
        [.. svg.Elements(SvgNs + "rect").Where(r => (string?)r.Attribute("fill") == colour && r.Element(SvgNs + "title") is not null)];

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
