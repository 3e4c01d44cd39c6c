using ChatAssistant.Broadcasts;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.OperatorConsole.Dashboard;
using ChatAssistant.Reports;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The dashboard's numbers from a real database: days and "today" are WIB days (midnight WIB is 17:00 UTC), operators'
/// own dialogs are not owners' progress, and only announcements still scheduled or sending are in progress.
/// </summary>
public abstract class DashboardDataTests : IDisposable
{
    private const string OperatorDialog = """
        id: broadcast
        version: 1
        languages: [id, en]
        title: { id: Kirim siaran, en: Send a broadcast }
        commands: [/siaran]
        audience: operators
        start: text
        steps:
          text:
            ask: { id: Apa isi siarannya?, en: What is the broadcast's text? }
            input: text
          sent:
            end: { id: Siaran dikirim., en: Broadcast sent. }
            outcome: sent
        """;

    // 10:00 WIB on 1 December 2026; today began at 17:00 UTC on 30 November.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TodayStarted = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;
    private int _users;

    private protected DashboardDataTests(StorageProviderKind kind)
    {
        _target = StorageTarget.Create(kind, _folder);
        _target.Open(TimeProvider.System).Dispose();
    }

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Owners_are_counted_by_channel_and_language_with_who_was_seen_today_and_in_the_last_seven_wib_days()
    {
        User("telegram", "id", seen: TodayStarted);                          // today, from its first millisecond
        User("telegram", "id", seen: TodayStarted.AddMilliseconds(-1));      // yesterday evening in WIB: this week only
        User("telegram", "en", seen: TodayStarted.AddDays(-6));              // the first day of the seven
        User("telegram", "en", seen: TodayStarted.AddDays(-6).AddMilliseconds(-1)); // the day before it
        User("whatsapp", "id", seen: Now);
        User("console", "id", seen: TodayStarted.AddDays(-30));

        var data = Read(days: null);

        Assert.Equal(
            [
                new OwnerCount("console", "id", 1, 0, 0),
                new OwnerCount("telegram", "en", 2, 0, 1),
                new OwnerCount("telegram", "id", 2, 1, 2),
                new OwnerCount("whatsapp", "id", 1, 1, 1),
            ],
            data.Owners);
        Assert.Equal(6, data.TotalOwners);
        Assert.Equal(2, data.ActiveToday);
        Assert.Equal(4, data.ActiveWeek);
    }

    [Fact]
    public void Days_count_conversations_started_and_completed_on_each_wib_day_of_the_period_without_operators_dialogs()
    {
        var owner = User("telegram", "id", seen: Now);
        // 14 days: 18 November to 1 December. Started at 23:59:59.999 WIB on the 29th and at midnight WIB on the 30th.
        Conversation(owner, "sales", ConversationStatus.Active, "name", started: TodayStarted.AddDays(-1).AddMilliseconds(-1));
        Conversation(owner, "sales", ConversationStatus.Completed, "micro", started: TodayStarted.AddDays(-1), updated: TodayStarted.AddHours(2), outcome: "micro");
        Conversation(owner, "sales", ConversationStatus.Cancelled, "kur", started: Now, updated: Now);
        // Started the day before the period: not counted as started, but completed inside it.
        Conversation(owner, "sales", ConversationStatus.Completed, "other", started: TodayStarted.AddDays(-14), updated: TodayStarted.AddDays(-13), outcome: "other");
        // An operator's /siaran is not an owner's progress.
        Conversation(owner, "broadcast", ConversationStatus.Completed, "sent", started: Now, updated: Now, outcome: "sent");

        var data = Read(days: null);

        Assert.Equal(14, data.Days.Count);
        Assert.Equal(new DateOnly(2026, 11, 18), data.Days[0].Day);
        Assert.Equal(new DateOnly(2026, 12, 1), data.Days[^1].Day);
        Assert.Equal(
            [
                new DayCount(new DateOnly(2026, 11, 18), 0, 1),
                new DayCount(new DateOnly(2026, 11, 29), 1, 0),
                new DayCount(new DateOnly(2026, 11, 30), 1, 0),
                new DayCount(new DateOnly(2026, 12, 1), 1, 1),
            ],
            data.Days.Where(d => d.Started + d.Completed > 0));
    }

    [Fact]
    public void The_period_is_seven_fourteen_or_thirty_days_and_anything_else_is_fourteen()
    {
        Assert.Equal(7, DashboardPeriod.Ending(Now, "7").Days);
        Assert.Equal(30, DashboardPeriod.Ending(Now, "30").Days);
        Assert.Equal(14, DashboardPeriod.Ending(Now, null).Days);
        Assert.Equal(14, DashboardPeriod.Ending(Now, "10000").Days);
        Assert.Equal(14, DashboardPeriod.Ending(Now, "-7").Days);
        Assert.Equal(14, DashboardPeriod.Ending(Now, "tujuh").Days);

        // 23:30 UTC on 30 November is already 1 December in WIB.
        var late = DashboardPeriod.Ending(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), "7");
        Assert.Equal(new DateOnly(2026, 12, 1), late.Today);
        Assert.Equal(new DateOnly(2026, 11, 25), late.First);
    }

    [Fact]
    public void Funnels_are_the_owners_dialogs_over_the_conversations_started_in_the_period()
    {
        var owner = User("telegram", "id", seen: Now);
        Conversation(owner, "sales", ConversationStatus.Completed, "micro", started: Now, updated: Now, outcome: "micro");
        Conversation(owner, "sales", ConversationStatus.Active, "sales", started: Now);
        Conversation(owner, "sales", ConversationStatus.Cancelled, "sales", started: TodayStarted.AddDays(-6), updated: Now);
        Conversation(owner, "sales", ConversationStatus.Active, "name", started: TodayStarted.AddDays(-7)); // before the 7 days
        Conversation(owner, "broadcast", ConversationStatus.Active, "text", started: Now);

        var data = Read(days: "7");

        var funnel = Assert.Single(data.Funnels);
        Assert.Equal("sales", funnel.Dialog.Id);
        Assert.Equal(new DateOnly(2026, 11, 25), funnel.Report.Since);
        Assert.Equal(3, funnel.Report.Started);
        Assert.Equal(1, funnel.Report.Completed);
        Assert.Equal([new FunnelStop("sales", 3, Open: 1, Cancelled: 1)], funnel.Report.Stops);
    }

    [Fact]
    public void Announcements_in_progress_are_the_scheduled_and_sending_ones_soonest_first_with_their_live_counts()
    {
        var owners = Enumerable.Range(0, 5).Select(_ => User("telegram", "id", seen: Now)).ToArray();
        var sending = Broadcast(BroadcastStatuses.Sending, "Pelatihan ekspor dibuka", scheduled: Now.AddHours(-1));
        Broadcast(BroadcastStatuses.Finished, "Sudah selesai", scheduled: Now.AddDays(-2));
        Broadcast(BroadcastStatuses.Cancelled, "Dibatalkan", scheduled: Now.AddHours(-3));
        var scheduled = Broadcast(BroadcastStatuses.Scheduled, "Besok pagi", scheduled: Now.AddDays(1));
        Recipient(sending, owners[0], RecipientStatuses.Sent);
        Recipient(sending, owners[1], RecipientStatuses.Sent);
        Recipient(sending, owners[2], RecipientStatuses.Queued);
        Recipient(sending, owners[3], RecipientStatuses.Failed);
        Recipient(sending, owners[4], RecipientStatuses.OptedOut);

        var announcements = Read(days: null).Announcements;

        Assert.Equal([sending, scheduled], announcements.Select(a => a.Summary.Id));
        var live = announcements[0];
        Assert.Equal("Pelatihan ekspor dibuka", live.Text);
        Assert.Equal(BroadcastStatus.Sending, live.Summary.Status);
        Assert.Equal((5, 2, 1, 1, 1), (live.Summary.Recipients, live.Summary.Sent, live.Summary.Queued, live.Summary.Failed, live.Summary.OptedOut));
        Assert.Equal(0, announcements[1].Summary.Recipients);

        // The live part of the page reads the same, with what has changed since.
        Sql.Execute(_target, $"UPDATE broadcast_recipients SET status = 'sent' WHERE broadcast_id = {sending} AND status = 'queued'");
        using var connection = _target.Connect();
        Assert.Equal(3, DashboardData.ReadAnnouncements(connection)[0].Summary.Sent);
    }

    private DashboardData Read(string? days)
    {
        var loaded = DialogLoader.Load([new DialogSource("sales.yaml", TestDialogs.Sales), new DialogSource("broadcast.yaml", OperatorDialog)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        using var connection = _target.Connect();
        return DashboardData.Read(connection, loaded.Catalog, DashboardPeriod.Ending(Now, days));
    }

    private long User(string channel, string language, DateTimeOffset seen)
    {
        var chatId = "u" + ++_users;
        Sql.Execute(_target,
            $"INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('{channel}', '{chatId}', '{language}', 0, {seen.ToUnixTimeMilliseconds()})");
        return Sql.Count(_target, $"SELECT id FROM users WHERE chat_id = '{chatId}'");
    }

    private void Conversation(long user, string dialog, ConversationStatus status, string step, DateTimeOffset started, DateTimeOffset? updated = null, string? outcome = null) =>
        Sql.Execute(_target, $"""
            INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at)
            VALUES ({user}, '{dialog}', 1, '{step}', {(int)status}, {(outcome is null ? "NULL" : "'" + outcome + "'")}, '[]', {started.ToUnixTimeMilliseconds()}, {(updated ?? started).ToUnixTimeMilliseconds()})
            """);

    private long Broadcast(string status, string text, DateTimeOffset scheduled)
    {
        Sql.Execute(_target, $"""
            INSERT INTO broadcasts (text_id, segment, created_by, status, created_at, scheduled_at)
            VALUES ('{text}', 'all', 'telegram:1', '{status}', {Now.AddDays(-3).ToUnixTimeMilliseconds()}, {scheduled.ToUnixTimeMilliseconds()})
            """);
        return Sql.Count(_target, "SELECT MAX(id) FROM broadcasts");
    }

    private void Recipient(long broadcast, long user, string status) =>
        Sql.Execute(_target,
            $"INSERT INTO broadcast_recipients (broadcast_id, user_id, utc_offset, status, updated_at) VALUES ({broadcast}, {user}, 420, '{status}', {Now.ToUnixTimeMilliseconds()})");
}

public sealed class DashboardDataTests_Sqlite() : DashboardDataTests(StorageProviderKind.Sqlite);

public sealed class DashboardDataTests_Postgres() : DashboardDataTests(StorageProviderKind.Postgres);
