using System.Collections.Concurrent;
using System.Globalization;
using ChatAssistant.Broadcasts;
using ChatAssistant.Outbox;
using ChatAssistant.Reminders;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Reminders;

/// <summary>
/// The scheduler's delivery rules on a real writer and database with a fake clock: a reminder is queued at its time
/// and never before, once; it waits through the owner's quiet hours; owners who opted out, blocked the assistant or
/// turned the topic off get none; a late one is dropped; it goes behind replies and its state follows the outbox.
/// The reminders come from a source of the test's own, so that these rules are tested apart from any kind's.
/// </summary>
public abstract class ReminderSchedulerTests : StorageMatrix
{
    private const string Channel = "test";

    private protected ReminderSchedulerTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    // The fixture's clock starts at 2026-11-23 08:00 UTC: 15:00 WIB, a working afternoon everywhere in Indonesia.

    [Fact]
    public async Task A_reminder_is_queued_at_its_due_time_not_before_and_only_once_over_many_rounds()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var id = await run.ScheduleAsync(ani, "sales", run.Now + TimeSpan.FromMinutes(10));

        Assert.Equal(0, await run.Scheduler.RunOnceAsync());
        run.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await run.Scheduler.RunOnceAsync());
        Assert.Equal(0, run.OutboxRows("ani"));
        Assert.Equal("scheduled", run.State(id));

        run.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await run.Scheduler.RunOnceAsync());
        for (var round = 0; round < 100; round++)
        {
            run.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(0, await run.Scheduler.RunOnceAsync());
        }

        // A scheduler started again on the same database (a restart) finds nothing to queue either.
        Assert.Equal(0, await run.NewScheduler().RunOnceAsync());

        Assert.Equal(1, run.OutboxRows("ani"));
        Assert.Equal("queued", run.State(id));
        Assert.Equal(run.Db.Count("SELECT id FROM outbox WHERE chat_id = 'ani'"), run.Db.Count($"SELECT outbox_id FROM reminders WHERE id = {id}"));
        Assert.Equal(1, run.Source.Checks(id));
        Assert.Contains("Cek omzet", run.Db.Text("SELECT text FROM outbox WHERE chat_id = 'ani'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_due_in_quiet_hours_waits_and_goes_at_seven_in_the_morning_of_each_owners_time_zone()
    {
        await using var run = await Run.StartAsync(Db);
        var bandung = run.Owners.Add("wib-bandung", channel: Channel, profile: ("province", "t:Jawa Barat"));
        var unknown = run.Owners.Add("wib-unknown", channel: Channel); // no province yet: WIB, where most owners live
        var jayapura = run.Owners.Add("wit-jayapura", channel: Channel, profile: ("province", "t:Papua"));

        // Due at 21:00 WIB (23:00 WIT): quiet for all three.
        var evening = new DateTimeOffset(2026, 11, 23, 21, 0, 0, Wib);
        foreach (var owner in new[] { bandung, unknown, jayapura })
        {
            await run.ScheduleAsync(owner, "sales", evening);
        }

        run.Time.SetUtcNow(evening - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await run.Scheduler.RunOnceAsync()); // 20:59: not due yet

        // Every 15 minutes through the night, nothing goes until 07:00 WIT (05:00 WIB), then WIB's at 07:00 WIB.
        var queuedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var at = evening; at <= evening + TimeSpan.FromHours(11); at += TimeSpan.FromMinutes(15))
        {
            run.Time.SetUtcNow(at);
            await run.Scheduler.RunOnceAsync();
            foreach (var chat in run.Owners.Column($"SELECT chat_id FROM outbox WHERE channel = '{Channel}'"))
            {
                queuedAt.TryAdd(chat, at);
            }
        }

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.FromHours(9)), queuedAt["wit-jayapura"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 7, 0, 0, Wib), queuedAt["wib-bandung"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 7, 0, 0, Wib), queuedAt["wib-unknown"]);
        Assert.Equal(3, run.OutboxRows());
        Assert.Equal(3, run.Db.Count("SELECT COUNT(*) FROM reminders WHERE state = 'queued'"));
    }

    [Fact]
    public async Task An_owner_who_opted_out_of_announcements_is_skipped_and_counted_as_opted_out()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var budi = run.Owners.Add("budi", channel: Channel);
        var skipped = await run.ScheduleAsync(ani, "sales", run.Now);
        var sent = await run.ScheduleAsync(budi, "sales", run.Now);
        await run.Fixture.RunAsync((store, now) =>
        {
            store.Broadcasts().SetOptedOut(ani, true, now.ToUnixTimeMilliseconds());
            return true;
        });

        Assert.Equal(1, await run.Scheduler.RunOnceAsync());

        Assert.Equal(("skipped", "opted_out"), run.StateAndReason(skipped));
        Assert.Equal("queued", run.State(sent));
        Assert.Equal(0, run.OutboxRows("ani"));
        Assert.Equal(0, run.Source.Checks(skipped)); // skipped before its source is even asked
    }

    [Fact]
    public async Task An_owner_who_blocked_the_assistant_earlier_is_skipped_as_unreachable()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        run.Owners.Unreachable(ani);
        var id = await run.ScheduleAsync(ani, "sales", run.Now);

        Assert.Equal(0, await run.Scheduler.RunOnceAsync());

        Assert.Equal(("skipped", "unreachable"), run.StateAndReason(id));
        Assert.Equal(0, run.OutboxRows());
    }

    [Fact]
    public async Task A_reminder_whose_topic_the_owner_turned_off_is_skipped_and_other_topics_still_go()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var off = await run.ScheduleAsync(ani, "sales", run.Now); // unfinished: the topic 'unfinished'
        var on = await run.ScheduleAsync(ani, "export", run.Now, ReminderKind.ExportRecheck);
        await run.Fixture.Writer.RunAsync(run.Store, (store, now) =>
        {
            store.SetTopic(ani, ReminderTopic.Unfinished, false, now.ToUnixTimeMilliseconds());
            store.SetTopic(ani, ReminderTopic.Export, true, now.ToUnixTimeMilliseconds()); // on again after an off: goes
            return true;
        });

        Assert.Equal(1, await run.Scheduler.RunOnceAsync());

        Assert.Equal(("skipped", "turned_off"), run.StateAndReason(off));
        Assert.Equal("queued", run.State(on));
        Assert.Equal(1, run.OutboxRows("ani"));
    }

    [Fact]
    public async Task A_reminder_found_more_than_stale_after_late_is_skipped_as_too_late_and_a_less_late_one_still_goes()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var budi = run.Owners.Add("budi", channel: Channel);

        // The worker was down: one reminder fell due two days and a minute ago, the other just under two days ago.
        var stale = await run.ScheduleAsync(ani, "sales", run.Now - TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        var late = await run.ScheduleAsync(budi, "sales", run.Now - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        Assert.Equal(1, await run.Scheduler.RunOnceAsync());

        Assert.Equal(("skipped", "too_late"), run.StateAndReason(stale));
        Assert.Equal("queued", run.State(late));
        Assert.Equal(0, run.OutboxRows("ani"));
    }

    [Fact]
    public async Task A_reminder_its_source_cancels_is_closed_with_the_sources_reason_and_never_asked_about_again()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var id = await run.ScheduleAsync(ani, "gone", run.Now);
        run.Source.Cancelled["gone"] = ReminderReasons.Resumed;

        Assert.Equal(0, await run.Scheduler.RunOnceAsync());
        run.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await run.Scheduler.RunOnceAsync());

        Assert.Equal(("cancelled", "resumed"), run.StateAndReason(id));
        Assert.Equal(1, run.Source.Checks(id));
        Assert.Equal(0, run.OutboxRows());
    }

    [Fact]
    public async Task A_reminder_its_source_fails_to_check_fails_alone_and_the_others_still_go()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var broken = await run.ScheduleAsync(ani, "broken", run.Now - TimeSpan.FromMinutes(1)); // first in line
        var fine = await run.ScheduleAsync(ani, "sales", run.Now);

        Assert.Equal(1, await run.Scheduler.RunOnceAsync());
        Assert.Equal(0, await run.Scheduler.RunOnceAsync());

        Assert.Equal(("failed", "check_failed"), run.StateAndReason(broken));
        Assert.Equal("queued", run.State(fine));
        Assert.Equal(1, run.Source.Checks(broken));
    }

    [Fact]
    public async Task A_reminder_goes_at_the_announcements_priority_behind_a_reply_queued_after_it_and_is_then_sent()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var id = await run.ScheduleAsync(ani, "sales", run.Now);
        Assert.Equal(1, await run.Scheduler.RunOnceAsync());
        await run.Fixture.SendAsync("ani", "/omzet"); // ani writes after the reminder was queued
        var wire = new Wire();
        using var dispatcher = run.Dispatcher(wire, messagesPerSecond: 5); // one message a round: the outbox's order

        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Equal("queued", run.State(id));
        Assert.Equal(OutboxDispatcher.RoundResult.Sent, await dispatcher.RunRoundAsync(CancellationToken.None));
        Assert.Equal(OutboxDispatcher.RoundResult.Empty, await dispatcher.RunRoundAsync(CancellationToken.None));

        Assert.Equal([OutboxPriority.Interactive, OutboxPriority.Broadcast], wire.Attempts.Select(m => m.Priority));
        Assert.Null(wire.Attempts.Last().BroadcastId);
        Assert.Equal(("sent", null), run.StateAndReason(id));
        Assert.Single(wire.Attempts, m => m.Priority == OutboxPriority.Broadcast);
        Assert.Equal("/omzet", wire.Attempts.Last().Message.Buttons.Single().Data);
    }

    [Fact]
    public async Task Reminders_fed_and_sent_round_after_round_each_reach_the_wire_once()
    {
        await using var run = await Run.StartAsync(Db);
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            var owner = run.Owners.Add("owner-" + i.ToString("00", CultureInfo.InvariantCulture), channel: Channel);
            ids.Add(await run.ScheduleAsync(owner, "sales", run.Now + TimeSpan.FromMinutes(i % 10)));
        }

        var wire = new Wire();
        using var dispatcher = run.Dispatcher(wire);
        for (var round = 0; round < 40; round++)
        {
            await run.Scheduler.RunOnceAsync();
            while (await dispatcher.RunRoundAsync(CancellationToken.None) != OutboxDispatcher.RoundResult.Empty)
            {
            }

            run.Time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(30, wire.Attempts.Count);
        Assert.Equal(30, wire.Attempts.Select(m => m.ChatId).Distinct().Count());
        Assert.All(ids, id => Assert.Equal("sent", run.State(id)));
    }

    [Fact]
    public async Task A_reminder_to_an_owner_who_blocked_the_assistant_fails_as_blocked_and_their_next_one_is_skipped()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var budi = run.Owners.Add("budi", channel: Channel);
        var first = await run.ScheduleAsync(ani, "sales", run.Now);
        var other = await run.ScheduleAsync(budi, "sales", run.Now);
        var next = await run.ScheduleAsync(ani, "export", run.Now + TimeSpan.FromHours(1), ReminderKind.ExportRecheck);
        Assert.Equal(2, await run.Scheduler.RunOnceAsync());
        var wire = new Wire();
        wire.Blocked.Add("ani");
        using var dispatcher = run.Dispatcher(wire);

        await dispatcher.RunRoundAsync(CancellationToken.None);

        Assert.Equal(("failed", "blocked"), run.StateAndReason(first));
        Assert.Equal("sent", run.State(other));
        Assert.Equal(1, run.Db.Count("SELECT COUNT(*) FROM users WHERE chat_id = 'ani' AND unreachable_at IS NOT NULL"));

        run.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await run.Scheduler.RunOnceAsync());
        Assert.Equal(("skipped", "unreachable"), run.StateAndReason(next));
        Assert.Single(wire.Attempts, m => m.ChatId == "ani");
    }

    [Fact]
    public async Task A_reminder_refused_because_the_owners_window_closed_meanwhile_fails_and_does_not_go_with_their_next_message()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var id = await run.ScheduleAsync(ani, "sales", run.Now);
        Assert.Equal(1, await run.Scheduler.RunOnceAsync());
        var wire = new Wire();
        wire.OutsideWindow.Add("ani"); // WhatsApp's 131047: the 24 hours ran out between queuing and sending
        using var dispatcher = run.Dispatcher(wire);
        await dispatcher.RunRoundAsync(CancellationToken.None);
        Assert.Equal(("failed", "outside_window"), run.StateAndReason(id));

        // Days later ani writes: what the outbox held for her goes before the reply; the reminder is not among it.
        run.Time.Advance(TimeSpan.FromDays(3));
        wire.OutsideWindow.Clear();
        await run.Fixture.SendAsync("ani", "/omzet");
        while (await dispatcher.RunRoundAsync(CancellationToken.None) != OutboxDispatcher.RoundResult.Empty)
        {
        }

        Assert.Equal([OutboxPriority.Broadcast, OutboxPriority.Interactive], wire.Attempts.Select(m => m.Priority));
        Assert.Equal(("failed", "outside_window"), run.StateAndReason(id));
        Assert.Equal(0, run.Db.Count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"));
    }

    [Fact]
    public async Task An_owner_blocking_the_assistant_on_the_channel_fails_their_reminder_still_waiting_in_the_outbox()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var id = await run.ScheduleAsync(ani, "sales", run.Now);
        Assert.Equal(1, await run.Scheduler.RunOnceAsync());

        // What the dispatcher does when another message to ani comes back 403 first.
        await run.Fixture.Writer.RunAsync(run.Fixture.Store.Outbox, (outbox, now) =>
        {
            new ReminderOutboxObserver(run.Store).Unreachable(Channel, "ani", now);
            outbox.MarkUnreachable(Channel, "ani", now.ToUnixTimeMilliseconds());
            return true;
        });

        Assert.Equal(("failed", "blocked"), run.StateAndReason(id));
    }

    [Fact]
    public async Task Reminders_of_a_kind_this_host_cannot_send_wait_without_holding_back_the_others_behind_them()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);

        // More due reminders of a kind no source here plans (a later release's, a host without its text) than a
        // round takes, all older than one this host can send.
        var waiting = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            waiting.Add(await run.ScheduleAsync(ani, "check-" + i.ToString(CultureInfo.InvariantCulture), run.Now - TimeSpan.FromHours(1), ReminderKind.ExportRecheck));
        }

        var id = await run.ScheduleAsync(ani, "sales", run.Now);
        var scheduler = run.NewScheduler(new ReminderOptions { BatchSize = 2 }, new FakeSource(ReminderKind.Unfinished));

        Assert.Equal(1, await scheduler.RunOnceAsync());

        Assert.Equal("queued", run.State(id));
        Assert.All(waiting, w => Assert.Equal("scheduled", run.State(w)));
    }

    [Fact]
    public async Task Sources_plan_once_a_plan_interval_however_often_the_due_ones_are_fed()
    {
        await using var run = await Run.StartAsync(Db);
        var start = run.Now;

        // Every 5 s (the default FeedInterval) for two and a half minutes; PlanInterval is a minute.
        for (var round = 0; round <= 30; round++)
        {
            await run.Scheduler.RunOnceAsync();
            run.Time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal([start, start + TimeSpan.FromMinutes(1), start + TimeSpan.FromMinutes(2)], run.Source.Plans);
    }

    [Fact]
    public async Task Scheduling_the_same_owner_kind_and_subject_twice_keeps_one_reminder_whatever_its_state()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var due = run.Now.ToUnixTimeMilliseconds();

        Assert.True(await run.Fixture.Writer.RunAsync(run.Store, (store, now) => store.Schedule(ani, ReminderKind.Unfinished, "sales", due, now.ToUnixTimeMilliseconds())));
        Assert.False(await run.Fixture.Writer.RunAsync(run.Store, (store, now) => store.Schedule(ani, ReminderKind.Unfinished, "sales", due + 1000, now.ToUnixTimeMilliseconds())));
        Assert.True(await run.Fixture.Writer.RunAsync(run.Store, (store, now) => store.Schedule(ani, ReminderKind.ExportRecheck, "sales", due, now.ToUnixTimeMilliseconds())));
        Assert.Equal(2, await run.Scheduler.RunOnceAsync());

        // Once sent (or skipped, or cancelled), planning it again adds nothing: never a second nudge for the same stop.
        Assert.False(await run.Fixture.Writer.RunAsync(run.Store, (store, now) => store.Schedule(ani, ReminderKind.Unfinished, "sales", due, now.ToUnixTimeMilliseconds())));
        Assert.Equal(0, await run.Scheduler.RunOnceAsync());
        Assert.Equal(2, run.Db.Count("SELECT COUNT(*) FROM reminders"));
    }

    [Fact]
    public async Task Cancelling_a_subject_closes_only_that_owners_scheduled_reminders_of_the_kinds_named()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);
        var budi = run.Owners.Add("budi", channel: Channel);
        var threeDays = await run.ScheduleAsync(ani, "reg-1", run.Now + TimeSpan.FromDays(1), ReminderKind.TrainingIn3Days);
        var oneDay = await run.ScheduleAsync(ani, "reg-1", run.Now + TimeSpan.FromDays(3), ReminderKind.TrainingIn1Day);
        var followUp = await run.ScheduleAsync(ani, "reg-1", run.Now + TimeSpan.FromDays(5), ReminderKind.TrainingFollowUp);
        var budis = await run.ScheduleAsync(budi, "reg-1", run.Now + TimeSpan.FromDays(1), ReminderKind.TrainingIn3Days);

        var cancelled = await run.Fixture.Writer.RunAsync(run.Store, (store, now) =>
            store.CancelScheduled(ani, "reg-1", ReminderReasons.RegistrationCancelled, now.ToUnixTimeMilliseconds(), ReminderKind.TrainingIn3Days, ReminderKind.TrainingIn1Day));

        Assert.Equal(2, cancelled);
        Assert.Equal(("cancelled", "registration_cancelled"), run.StateAndReason(threeDays));
        Assert.Equal(("cancelled", "registration_cancelled"), run.StateAndReason(oneDay));
        Assert.Equal("scheduled", run.State(followUp));
        Assert.Equal("scheduled", run.State(budis));
        var upcoming = await run.Fixture.Writer.RunAsync(run.Store, (store, _) => store.Upcoming(ani));
        Assert.Equal([followUp], upcoming.Select(r => r.Id));
        Assert.Equal(ReminderKind.TrainingFollowUp, upcoming[0].Kind);
    }

    [Fact]
    public async Task Topics_are_on_until_turned_off_and_marks_keep_the_last_value_set()
    {
        await using var run = await Run.StartAsync(Db);
        var ani = run.Owners.Add("ani", channel: Channel);

        var topics = await run.Fixture.Writer.RunAsync(run.Store, (store, now) =>
        {
            store.SetTopic(ani, ReminderTopic.Training, false, now.ToUnixTimeMilliseconds());
            store.SetTopic(ani, ReminderTopic.Export, false, now.ToUnixTimeMilliseconds());
            store.SetTopic(ani, ReminderTopic.Export, true, now.ToUnixTimeMilliseconds());
            return store.Topics(ani);
        });
        var marks = await run.Fixture.Writer.RunAsync(run.Store, (store, _) =>
        {
            var before = store.Mark("test", 7);
            store.SetMark("test", 42);
            store.SetMark("test", 43);
            return (before, after: store.Mark("test", 7));
        });

        Assert.False(topics[ReminderTopic.Training]);
        Assert.True(topics[ReminderTopic.Export]);
        Assert.True(topics[ReminderTopic.Deadlines]);
        Assert.True(topics[ReminderTopic.Unfinished]);
        Assert.Equal((7L, 43L), marks);
    }

    /// <summary>A writer, the reminder store on its session, a source of the test's own and the scheduler over them.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private Run(StorageTarget db, WriterFixture fixture)
        {
            Db = db;
            Fixture = fixture;
            Owners = new Owners(db);
            Store = new ReminderStore(fixture.Session);
            Scheduler = NewScheduler();
        }

        public StorageTarget Db { get; }

        public WriterFixture Fixture { get; }

        public Owners Owners { get; }

        public ReminderStore Store { get; }

        public FakeSource Source { get; } = new();

        public ReminderScheduler Scheduler { get; }

        public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => Fixture.Time;

        public DateTimeOffset Now => Time.GetUtcNow();

        public static async Task<Run> StartAsync(StorageTarget db) => new(db, await WriterFixture.StartAsync(db));

        /// <summary>A scheduler as the worker builds it (default options and quiet hours, the shipped texts), on this writer.</summary>
        public ReminderScheduler NewScheduler(ReminderOptions? options = null, IReminderSource? source = null) => new(
            [Channel],
            options ?? new ReminderOptions(),
            new BroadcastOptions().QuietHours,
            Texts,
            new WhatsAppTemplateOptions(),
            [source ?? Source],
            Fixture.Writer,
            Store,
            Fixture.OutboxStore,
            new OutboxSignal(),
            Time,
            new Random(18),
            NullLogger<ReminderScheduler>.Instance);

        /// <summary>The real sender loop on a fake wire, told of outcomes through the reminders' observer.</summary>
        public OutboxDispatcher Dispatcher(Wire wire, int messagesPerSecond = 25) => new(
            wire,
            new OutboxOptions { MaxMessagesPerSecond = messagesPerSecond, PerChatInterval = TimeSpan.Zero, ShutdownFlushTimeout = TimeSpan.Zero },
            Fixture.Outbox,
            Fixture.Writer,
            Fixture.Store.Outbox,
            new OutboxSignal(),
            [new ReminderOutboxObserver(Store)],
            Time,
            new Random(11),
            NullLogger<OutboxDispatcher>.Instance);

        public async Task<long> ScheduleAsync(long userId, string subject, DateTimeOffset due, ReminderKind kind = ReminderKind.Unfinished)
        {
            Assert.True(await Fixture.Writer.RunAsync(Store, (store, now) => store.Schedule(userId, kind, subject, due.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds())));
            return Db.Count($"SELECT id FROM reminders WHERE user_id = {userId} AND kind = '{kind.Name()}' AND subject = '{subject}'");
        }

        public string? State(long id) => Db.Text($"SELECT state FROM reminders WHERE id = {id}");

        public (string? State, string? Reason) StateAndReason(long id) =>
            (State(id), Db.Text($"SELECT reason FROM reminders WHERE id = {id}"));

        public long OutboxRows(string? chatId = null) =>
            Db.Count($"SELECT COUNT(*) FROM outbox WHERE channel = '{Channel}'" + (chatId is null ? string.Empty : $" AND chat_id = '{chatId}'"));

        public ValueTask DisposeAsync() => Fixture.DisposeAsync();

        private static ReminderTexts Texts { get; } =
            ReminderTexts.Load(Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "data", "reminders.yaml"));
    }

    /// <summary>Reminds of every kind: sends with the sales check as its subject unless told to cancel a subject; counts each question.</summary>
    private sealed class FakeSource(params ReminderKind[] kinds) : IReminderSource
    {
        private readonly ConcurrentDictionary<long, int> _checks = new();

        public IReadOnlyList<ReminderKind> Kinds { get; } = kinds.Length > 0 ? kinds : ReminderKinds.All;

        /// <summary>Subjects whose reminders the source cancels, with why.</summary>
        public ConcurrentDictionary<string, string> Cancelled { get; } = new(StringComparer.Ordinal);

        public int Checks(long id) => _checks.GetValueOrDefault(id);

        public ConcurrentQueue<DateTimeOffset> Plans { get; } = new();

        public void Plan(ReminderStore store, DateTimeOffset now) => Plans.Enqueue(now);

        public ReminderCheck Check(ReminderStore store, DueReminder reminder, DateTimeOffset now)
        {
            _checks.AddOrUpdate(reminder.Id, 1, (_, n) => n + 1);
            if (reminder.Subject == "broken")
            {
                throw new FormatException("a subject this source cannot read");
            }

            return Cancelled.TryGetValue(reminder.Subject, out var why)
                ? ReminderCheck.Cancel(why)
                : ReminderCheck.Send(
                    new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["dialog"] = "Cek omzet", ["title"] = "Cek omzet", ["start"] = "1 Desember 2026", ["end"] = "2 Desember 2026", ["place"] = "Padang",
                        ["code"] = "AB12", ["contact"] = "0812", ["deadline"] = "1 Desember 2026", ["date"] = "1 November 2026", ["score"] = "70",
                    },
                    "/omzet");
        }
    }

    /// <summary>The channel: records every attempt and takes it, except for chats that blocked the assistant (403) or whose window closed.</summary>
    private sealed class Wire : IOutboxChannel
    {
        public string Name => Channel;

        public ConcurrentQueue<OutboxMessage> Attempts { get; } = new();

        public ConcurrentBag<string> Blocked { get; } = [];

        public ConcurrentBag<string> OutsideWindow { get; } = [];

        public Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Attempts.Enqueue(message);
            return Task.FromResult(
                Blocked.Contains(message.ChatId) ? new SendResult(SendOutcome.Blocked, Error: "Forbidden: bot was blocked by the user")
                : OutsideWindow.Contains(message.ChatId) ? new SendResult(SendOutcome.OutsideWindow, Error: "131047 Re-engagement message")
                : SendResult.Sent("m" + message.Id.ToString(CultureInfo.InvariantCulture)));
        }
    }
}

public sealed class ReminderSchedulerTests_Sqlite() : ReminderSchedulerTests(StorageProviderKind.Sqlite);

public sealed class ReminderSchedulerTests_Postgres() : ReminderSchedulerTests(StorageProviderKind.Postgres);
