using System.Data.Common;
using ChatAssistant.Broadcasts;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Reminders;

/// <summary>
/// Plans reminders from what owners did (each source, every <see cref="ReminderOptions.PlanInterval"/>) and moves the
/// due ones into the outbox (every <see cref="ReminderOptions.FeedInterval"/>): behind every reply, at the
/// announcements' priority, never in the owner's quiet hours, never to an owner who turned the kind off, opted out or
/// blocked the assistant, and on WhatsApp outside the 24-hour window only as an approved template. Each round is one
/// transaction on the writer: a reminder is queued exactly when its state says so, across kills and restarts.
/// </summary>
internal sealed class ReminderScheduler(
    IReadOnlyList<string> channels,
    ReminderOptions options,
    QuietHours quietHours,
    ReminderTexts texts,
    WhatsAppTemplateOptions templates,
    IEnumerable<IReminderSource> sources,
    IStoreWriter writer,
    ReminderStore store,
    OutboxStore outbox,
    OutboxSignal signal,
    TimeProvider time,
    Random random,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan RetryMax = TimeSpan.FromSeconds(30);

    private readonly Dictionary<ReminderKind, IReminderSource> _sources = BySource(sources);
    private DateTimeOffset _nextPlan = DateTimeOffset.MinValue;

    // The kinds this host has a source and a text for: due ones of any other kind wait (a later release's, or one
    // whose text a deployment's reminders.yaml lacks) and are not read, so they take no room in a round.
    private ReminderKind[]? _sendable;

    // Each kind's approved utility templates, read once: options and texts do not change while the worker runs.
    private Dictionary<ReminderKind, List<ApprovedTemplate>>? _utilityTemplates;

    private ReminderKind[] Sendable => _sendable ??= [.. ReminderKinds.All.Where(k => _sources.ContainsKey(k) && texts.Has(k))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!ReminderKinds.All.Any(texts.Has))
        {
            Log.NoTexts(logger, options.TextsPath ?? ReminderOptions.DefaultFile);
        }

        foreach (var kind in ReminderKinds.All.Where(k => texts.Has(k) && TemplateFor(k, "id") is null))
        {
            Log.NoTemplate(logger, kind.Name());
        }

        foreach (var (kind, template, passed) in texts.MismatchedTemplates(templates))
        {
            Log.TemplateParameters(logger, template.Name!, template.Language!, kind.Name(), template.Parameters, passed);
        }

        try
        {
            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                    if (failures > 0)
                    {
                        Log.RoundsRecovered(logger, failures);
                        failures = 0;
                    }

                    wait = options.FeedInterval;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed round changed nothing (one transaction); owners' messages must not stop over it.
                    wait = DatabaseFaults.Backoff(++failures, TimeSpan.FromSeconds(1), RetryMax, random.NextDouble);
                    Log.RoundFailed(logger, failures, wait, ex);
                }

                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the schedule is in the database; the next start goes on from there.
        }
    }

    /// <summary>One round: plans when it is time, then queues what is due on each channel. Returns how many were queued.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (!ReminderKinds.All.Any(texts.Has))
        {
            return 0; // no texts file: nothing is planned either, so nothing piles up to go all at once later
        }

        // The writer may apply this work more than once (a batch it retries) and commit only the last: the next plan
        // is set only once the round has committed, so a plan rolled back is not taken for done.
        DateTimeOffset? planned = null;
        var queued = await writer.RunAsync(store, (store, now) =>
        {
            planned = null;
            if (now >= _nextPlan)
            {
                foreach (var source in _sources.Values.Distinct())
                {
                    source.Plan(store, now);
                }

                planned = now;
            }

            var queued = 0;
            foreach (var channel in channels)
            {
                queued += Feed(store, channel, now);
            }

            return queued;
        }, cancellationToken).ConfigureAwait(false);
        if (planned is { } at)
        {
            _nextPlan = at + options.PlanInterval;
        }

        if (queued > 0)
        {
            signal.Notify();
        }

        return queued;
    }

    private int Feed(ReminderStore store, string channel, DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        int queued = 0, skipped = 0, cancelled = 0;
        foreach (var reminder in store.Due(channel, ms, quietHours.AwakeOffsets(now), options.BatchSize, Sendable))
        {
            if (Skip(reminder, ms) is { } reason)
            {
                store.Close(reminder.Id, ReminderState.Skipped, reason, ms);
                skipped++;
                continue;
            }

            var source = _sources[reminder.Kind]; // Due reads only the kinds with a source and a text
            ReminderCheck check;
            try
            {
                check = source.Check(store, reminder, now);
            }
            catch (Exception ex) when (ex is not DbException and not OperationCanceledException && !store.Session.IsTransient(ex))
            {
                // A reminder its source cannot check (a bug, data it did not expect) would fail every round from now
                // on and stop every other reminder with it: it fails alone, and says why. (A database error is not
                // caught: on PostgreSQL it has aborted the transaction, and the round is tried again as a whole.)
                Log.CheckFailed(logger, reminder.Id, reminder.Kind.Name(), ex);
                store.Close(reminder.Id, ReminderState.Failed, ReminderReasons.CheckFailed, ms);
                continue;
            }

            if (check.CancelReason is { } why || check.Fields is null)
            {
                store.Close(reminder.Id, ReminderState.Cancelled, check.CancelReason ?? ReminderReasons.TooLate, ms);
                cancelled++;
                continue;
            }

            OutboxTemplate? template = null;
            if (CustomerServiceWindow.Applies(channel) && reminder.LastSeenAt < CustomerServiceWindow.OpenSince(ms))
            {
                if (TemplateFor(reminder.Kind, reminder.Language) is not { } approved)
                {
                    store.Close(reminder.Id, ReminderState.Skipped, ReminderReasons.OutsideWindow, ms);
                    skipped++;
                    continue;
                }

                template = new OutboxTemplate(approved.Name!, approved.Language!, texts.TemplateParameters(reminder.Kind, check.Fields));
            }

            var text = texts.Text(reminder.Kind, reminder.Language, check.Fields);
            var label = texts.Button(reminder.Kind, reminder.Language);
            IReadOnlyList<Button> buttons = label is not null && check.ButtonCommand is { } command ? [new Button(label, command)] : [];

            // The announcements' priority: behind every reply, in turn with announcements (oldest first).
            var id = outbox.Enqueue(reminder.UserId, channel, reminder.ChatId, new OutboundMessage(text, buttons), OutboxPriority.Broadcast, ms, template);
            store.MarkQueued(reminder.Id, id, ms);
            queued++;
        }

        if (queued + skipped + cancelled > 0)
        {
            Log.Fed(logger, channel, queued, skipped, cancelled);
        }

        return queued;
    }

    private string? Skip(DueReminder reminder, long now) =>
        reminder.Unreachable ? ReminderReasons.Unreachable
        : reminder.OptedOut ? ReminderReasons.OptedOut
        : reminder.TopicOff ? ReminderReasons.TurnedOff
        : now - reminder.DueAt > (long)options.StaleAfter.TotalMilliseconds ? ReminderReasons.TooLate
        : null;

    /// <summary>The approved template for this kind in the owner's language (Indonesian when that is the only one approved).</summary>
    private ApprovedTemplate? TemplateFor(ReminderKind kind, string language)
    {
        _utilityTemplates ??= ReminderKinds.All.ToDictionary(
            k => k,
            // A reminder of something the owner asked for is utility; a marketing template would be the wrong category.
            k => texts.TemplateName(k) is { } name ? templates.Named(name).Where(t => string.Equals(t.Category, "utility", StringComparison.Ordinal)).ToList() : []);
        var approved = _utilityTemplates[kind];
        return approved.FirstOrDefault(t => string.Equals(t.Language, language, StringComparison.Ordinal))
            ?? approved.FirstOrDefault(t => t.Language is { } code && code.StartsWith(language, StringComparison.Ordinal))
            ?? approved.FirstOrDefault(t => string.Equals(t.Language, "id", StringComparison.Ordinal))
            ?? approved.FirstOrDefault();
    }

    private static Dictionary<ReminderKind, IReminderSource> BySource(IEnumerable<IReminderSource> sources)
    {
        var byKind = new Dictionary<ReminderKind, IReminderSource>();
        foreach (var source in sources)
        {
            foreach (var kind in source.Kinds)
            {
                if (!byKind.TryAdd(kind, source))
                {
                    throw new InvalidOperationException($"The reminder kind '{kind.Name()}' is planned by both {byKind[kind].GetType().Name} and {source.GetType().Name}.");
                }
            }
        }

        return byKind;
    }
}
