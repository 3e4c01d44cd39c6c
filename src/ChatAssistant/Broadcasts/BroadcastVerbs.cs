using System.CommandLine;
using System.Globalization;
using System.Text;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Hosting;
using ChatAssistant.Storage;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// <c>broadcast preview|create|list|status|cancel</c>: operators' announcements from the command line, against the
/// database a running worker uses (each change is one short write transaction; the worker picks it up).
/// </summary>
internal static class BroadcastVerbs
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    public static Command Create() => new("broadcast", "Announcements to segments of owners.")
    {
        Preview(), CreateBroadcast(), List(), Status(), Cancel(),
    };

    private static Command Preview()
    {
        var filters = new SegmentOptions();
        var (db, dialogs) = (OperatorVerbHost.DbOption(), OperatorVerbHost.DialogsOption());
        var command = new Command("preview", "How many owners a segment has now, and a few of them (masked).") { db, dialogs };
        filters.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!filters.TryRead(parse, out var segment))
            {
                return 1;
            }

            using var host = OperatorVerbHost.Build(parse.GetValue(db), parse.GetValue(dialogs));
            if (await OperatorVerbHost.ResolveAsync<ConversationStore>(host, "broadcast preview").ConfigureAwait(false) is not { } store)
            {
                return 1;
            }

            store.Begin();
            var (count, sample) = store.PreviewSegment(segment, 10);
            store.Rollback();
            var output = new StringBuilder();
            output.Append(CultureInfo.InvariantCulture, $"{count} owner(s) would receive it ({Describe(segment)}).\n");
            foreach (var (channel, chatId, language, province) in sample)
            {
                output.Append(CultureInfo.InvariantCulture, $"  {channel} {MaskChat(chatId)}  {language}  {province ?? "-"}\n");
            }

            await Console.Out.WriteAsync(output.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command CreateBroadcast()
    {
        var filters = new SegmentOptions();
        var (db, dialogs) = (OperatorVerbHost.DbOption(), OperatorVerbHost.DialogsOption());
        var textFile = new Option<FileInfo>("--text-file") { Description = "The announcement in Bahasa Indonesia (UTF-8 text file).", Required = true };
        var textEnFile = new Option<FileInfo?>("--text-en-file") { Description = "The announcement in English, for owners who chose English (default: the Indonesian text)." };
        var button = new Option<string?>("--button") { Description = "A button that starts a dialog: \"Label=/command key=value\", e.g. \"Daftar=/pelatihan program=ID\"." };
        var at = new Option<string?>("--at") { Description = "Send later, e.g. 2026-12-01T09:00+07:00 (no offset: WIB). Default: now." };
        var command = new Command("create", "Create an announcement: sent now, or at --at; the recipient list is fixed when it starts.")
        {
            textFile, textEnFile, button, at, db, dialogs,
        };
        filters.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!filters.TryRead(parse, out var segment))
            {
                return 1;
            }

            var text = await ReadTextAsync(parse.GetValue(textFile)!, "--text-file", cancellationToken).ConfigureAwait(false);
            var textEn = parse.GetValue(textEnFile) is { } en ? await ReadTextAsync(en, "--text-en-file", cancellationToken).ConfigureAwait(false) : null;
            if (text is null || (parse.GetValue(textEnFile) is not null && textEn is null))
            {
                return 1;
            }

            BroadcastButton? parsedButton = null;
            if (parse.GetValue(button) is { } buttonText && !BroadcastButton.TryParse(buttonText, out parsedButton, out var buttonError))
            {
                await Console.Error.WriteLineAsync($"broadcast create: {buttonError}").ConfigureAwait(false);
                return 1;
            }

            DateTimeOffset? scheduled = null;
            if (parse.GetValue(at) is { } atText)
            {
                if (!TryParseTime(atText, out var time))
                {
                    await Console.Error.WriteLineAsync($"broadcast create: --at \"{atText}\" is not a time; write e.g. 2026-12-01T09:00+07:00.").ConfigureAwait(false);
                    return 1;
                }

                scheduled = time;
            }

            using var host = OperatorVerbHost.Build(parse.GetValue(db), parse.GetValue(dialogs));
            if (await OperatorVerbHost.ResolveAsync<ConversationStore>(host, "broadcast create").ConfigureAwait(false) is not { } store
                || await OperatorVerbHost.ResolveAsync<ConversationEngine>(host, "broadcast create").ConfigureAwait(false) is not { } engine)
            {
                return 1;
            }

            if (parsedButton is not null && engine.Catalog.FindByCommand(parsedButton.CommandName) is null)
            {
                await Console.Error.WriteLineAsync($"broadcast create: --button: no dialog starts with {parsedButton.CommandName}; the commands are: {string.Join(", ", engine.Catalog.Dialogs.SelectMany(d => d.Definition.Commands))}.").ConfigureAwait(false);
                return 1;
            }

            var now = DateTimeOffset.UtcNow;
            if (scheduled is { } when && when < now - TimeSpan.FromMinutes(1))
            {
                await Console.Error.WriteLineAsync($"broadcast create: --at {when:yyyy-MM-dd HH:mm zzz} is in the past; leave --at out to send now.").ConfigureAwait(false);
                return 1;
            }

            var draft = new BroadcastDraft(text, textEn, parsedButton, segment, "cli", scheduled);
            store.Begin();
            var id = store.CreateBroadcast(draft, now.ToUnixTimeMilliseconds());
            var (count, _) = store.PreviewSegment(segment, 0);
            var recipients = scheduled is null || scheduled <= now ? store.RecipientCount(id) : count;
            store.Commit();

            var message = scheduled is null || scheduled <= now
                ? $"Broadcast {id} created for {recipients} owner(s) ({Describe(segment)}); the worker sends it at the configured rate. Follow it with: broadcast status {id}"
                : $"Broadcast {id} scheduled for {scheduled.Value.ToOffset(Wib):yyyy-MM-dd HH:mm} WIB; {recipients} owner(s) match now ({Describe(segment)}); the list is fixed when it starts. Cancel with: broadcast cancel {id}";
            await Console.Out.WriteLineAsync(message.AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var (db, dialogs) = (OperatorVerbHost.DbOption(), OperatorVerbHost.DialogsOption());
        var command = new Command("list", "Every broadcast, newest first, with its status and counts.") { db, dialogs };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = OperatorVerbHost.Build(parse.GetValue(db), parse.GetValue(dialogs));
            if (await OperatorVerbHost.ResolveAsync<ConversationStore>(host, "broadcast list").ConfigureAwait(false) is not { } store)
            {
                return 1;
            }

            var summaries = BroadcastSummary.Read(store.Connection);
            var output = new StringBuilder();
            if (summaries.Count == 0)
            {
                output.Append("No broadcasts yet. Create one with: broadcast create --text-file FILE [filters]\n");
            }

            foreach (var summary in summaries)
            {
                output.Append(CultureInfo.InvariantCulture,
                    $"{summary.Id}\t{summary.Status}\t{Time(summary.CreatedAt)}\t{summary.Recipients} recipients, {summary.Sent} sent\t{(summary.Segment.Length == 0 ? "everyone" : summary.Segment)}\n");
            }

            await Console.Out.WriteAsync(output.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Status()
    {
        var (db, dialogs) = (OperatorVerbHost.DbOption(), OperatorVerbHost.DialogsOption());
        var id = new Argument<long>("ID") { Description = "The broadcast's number (see 'broadcast list')." };
        var command = new Command("status", "One broadcast: queued, sent, failed, blocked, opted out, started, finished, rate.") { id, db, dialogs };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = OperatorVerbHost.Build(parse.GetValue(db), parse.GetValue(dialogs));
            if (await OperatorVerbHost.ResolveAsync<ConversationStore>(host, "broadcast status").ConfigureAwait(false) is not { } store)
            {
                return 1;
            }

            if (BroadcastSummary.Read(store.Connection, parse.GetValue(id)) is not [var summary])
            {
                await Console.Error.WriteLineAsync($"broadcast status: there is no broadcast {parse.GetValue(id)}; see 'broadcast list'.").ConfigureAwait(false);
                return 1;
            }

            var counts = summary;
            var text = string.Create(CultureInfo.InvariantCulture, $"""
                Broadcast {summary.Id}: {summary.Status}
                  segment:     {(summary.Segment.Length == 0 ? "everyone" : summary.Segment)}
                  created:     {Time(summary.CreatedAt)} by {summary.CreatedBy}
                  scheduled:   {Time(summary.ScheduledAt)}
                  started:     {Time(summary.StartedAt)}
                  finished:    {Time(summary.FinishedAt)}
                  cancelled:   {Time(summary.CancelledAt)}
                  recipients:  {summary.Recipients}
                  queued:      {counts.Waiting + counts.Queued} ({counts.Waiting} waiting, incl. quiet hours; {counts.Queued} in the outbox)
                  sent:        {counts.Sent}
                  failed:      {counts.Failed}
                  blocked:     {counts.Blocked}
                  opted out:   {counts.OptedOut}
                  uncertain:   {counts.Uncertain} (on the wire when the worker stopped: maybe delivered, not sent again)
                  cancelled:   {counts.CancelledRecipients}
                  rate:        {(summary.SendRate is { } rate ? rate.ToString("0.0", CultureInfo.InvariantCulture) + " msg/s" : "-")}

                """);
            await Console.Out.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Cancel()
    {
        var (db, dialogs) = (OperatorVerbHost.DbOption(), OperatorVerbHost.DialogsOption());
        var id = new Argument<long>("ID") { Description = "The broadcast's number (see 'broadcast list')." };
        var command = new Command("cancel", "Stop a scheduled or sending broadcast: nobody not yet sent gets it.") { id, db, dialogs };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = OperatorVerbHost.Build(parse.GetValue(db), parse.GetValue(dialogs));
            if (await OperatorVerbHost.ResolveAsync<ConversationStore>(host, "broadcast cancel").ConfigureAwait(false) is not { } store)
            {
                return 1;
            }

            var broadcast = parse.GetValue(id);
            store.Begin();
            var result = store.CancelBroadcast(broadcast, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            store.Commit();
            var (line, code) = result switch
            {
                null => ($"broadcast cancel: there is no broadcast {broadcast}; see 'broadcast list'.", 1),
                ({ } status, _) when status is not ("scheduled" or "sending") => ($"broadcast cancel: broadcast {broadcast} is already {status}; nothing to cancel.", 1),
                (_, var cancelled) => ($"Broadcast {broadcast} cancelled: {cancelled} recipient(s) will not get it. See: broadcast status {broadcast}", 0),
            };
            await (code == 0 ? Console.Out : Console.Error).WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            return code;
        });
        return command;
    }

    private static async Task<string?> ReadTextAsync(FileInfo file, string option, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = (await File.ReadAllTextAsync(file.FullName, Encoding.UTF8, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"broadcast create: {option} {file.FullName}: {ex.Message}").ConfigureAwait(false);
            return null;
        }

        if (text.Length == 0 || text.Length > AnnouncementText.MaxLength)
        {
            await Console.Error.WriteLineAsync($"broadcast create: {option} must hold 1 to {AnnouncementText.MaxLength} characters; it has {text.Length}.").ConfigureAwait(false);
            return null;
        }

        return text;
    }

    /// <summary>An ISO 8601 time; without an offset it is read as WIB, the zone operators mostly work in.</summary>
    internal static bool TryParseTime(string text, out DateTimeOffset time)
    {
        var trimmed = text.Trim();
        var t = trimmed.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        var hasOffset = t > 0 && (trimmed.EndsWith('Z') || trimmed.IndexOfAny(['+', '-'], t) > 0);
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
        }

        if (DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            time = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Wib);
            return true;
        }

        time = default;
        return false;
    }

    private static string Describe(BroadcastSegment segment) => segment.IsEveryone ? "everyone not opted out" : segment.ToString();

    private static string Time(DateTimeOffset? time) => time is { } t ? t.ToOffset(Wib).ToString("yyyy-MM-dd HH:mm:ss 'WIB'", CultureInfo.InvariantCulture) : "-";

    /// <summary>A chat id with only its last digits shown: enough to tell owners apart, not to find them.</summary>
    internal static string MaskChat(string chatId) =>
        chatId.Length <= 4 ? new string('*', chatId.Length) : new string('*', chatId.Length - 4) + chatId[^4..];
}
