using System.Data.Common;
using ChatAssistant.Broadcasts;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Reminders;
using ChatAssistant.Reports;
using ChatAssistant.Shared;

namespace ChatAssistant.OperatorConsole.Dashboard;

/// <summary>
/// What the dashboard shows, read at once: owners by channel and language with who was active, conversations of the
/// owners' dialogs started and completed per day over <see cref="Period"/>, each owners' dialog's funnel over the same
/// days, the announcements in progress, and the reminders per kind (<see cref="Reminders"/>). Operators' own dialogs (<c>audience: operators</c>, e.g. /masuk) are
/// left out of the days and the funnels: they are not owners' progress.
/// </summary>
internal sealed record DashboardData(
    DashboardPeriod Period,
    IReadOnlyList<OwnerCount> Owners,
    IReadOnlyList<DayCount> Days,
    IReadOnlyList<DialogFunnel> Funnels,
    IReadOnlyList<Announcement> Announcements)
{
    /// <summary>
    /// Every reminder kind with its reminders by state, all time (each counted in the state it is in now), as
    /// <c>report reminders</c> counts them; empty on a page built without them.
    /// </summary>
    public IReadOnlyList<ReminderKindCount> Reminders { get; init; } = [];

    public int TotalOwners => Owners.Sum(o => o.Owners);

    public int ActiveToday => Owners.Sum(o => o.ActiveToday);

    public int ActiveWeek => Owners.Sum(o => o.ActiveWeek);

    public static DashboardData Read(DbConnection connection, DialogCatalog catalog, DashboardPeriod period)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(period);

        var owners = DashboardStore.Owners(connection, Wib.StartOf(period.Today), Wib.StartOf(period.Today.AddDays(-6)));

        var operatorDialogs = catalog.OperatorDialogs.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var perDay = DashboardStore.DialogsPerDay(connection, period.First, period.Today)
            .Where(r => !operatorDialogs.Contains(r.DialogId))
            .GroupBy(r => r.Day)
            .ToDictionary(g => g.Key, g => (Started: g.Sum(r => r.Started), Completed: g.Sum(r => r.Completed)));
        var days = Enumerable.Range(0, period.Days)
            .Select(i => period.First.AddDays(i))
            .Select(day => perDay.TryGetValue(day, out var count) ? new DayCount(day, count.Started, count.Completed) : new DayCount(day, 0, 0))
            .ToList();

        var funnels = catalog.Dialogs
            .Where(d => d.Definition.Audience == DialogAudience.Owners)
            .Select(d => new DialogFunnel(d.Definition, FunnelReport.Read(connection, d.Definition, period.First)))
            .ToList();

        return new DashboardData(period, owners, days, funnels, ReadAnnouncements(connection)) { Reminders = ReminderReader.CountsByKind(connection) };
    }

    /// <summary>The announcements scheduled or sending with their live counts (the part of the page that refreshes itself).</summary>
    public static IReadOnlyList<Announcement> ReadAnnouncements(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return DashboardStore.OpenBroadcasts(connection)
            .Select(b => BroadcastSummary.Read(connection, b.Id) is [var summary] ? new Announcement(summary, b.Text) : null)
            .OfType<Announcement>()
            .ToList();
    }
}

/// <summary>Conversations of owners' dialogs started and completed on one WIB day.</summary>
internal sealed record DayCount(DateOnly Day, int Started, int Completed);

/// <summary>One owners' dialog and how its conversations of the period went.</summary>
internal sealed record DialogFunnel(DialogDefinition Dialog, FunnelReport Report);

/// <summary>An announcement scheduled or sending: its counts and its Indonesian text.</summary>
internal sealed record Announcement(BroadcastSummary Summary, string Text);

/// <summary>
/// The days the dashboard covers: the last <see cref="Days"/> WIB days up to and including <see cref="Today"/>.
/// Operators choose 7, 14 or 30 (<c>?hari=</c>); anything else is the default, 14.
/// </summary>
internal sealed record DashboardPeriod(int Days, DateOnly Today)
{
    public const int DefaultDays = 14;

    public static IReadOnlyList<int> Choices { get; } = [7, 14, 30];

    public DateOnly First => Today.AddDays(1 - Days);

    public static DashboardPeriod Ending(DateTimeOffset now, string? days)
    {
        var chosen = int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && Choices.Contains(parsed)
            ? parsed
            : DefaultDays;
        return new DashboardPeriod(chosen, DateOnly.FromDateTime(now.ToOffset(Wib.Offset).DateTime));
    }
}
