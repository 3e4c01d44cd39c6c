using System.CommandLine;
using System.Globalization;
using System.Text;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Operators;
using ChatAssistant.Shared;
using ChatAssistant.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// <c>broadcast preview|create|list|status|cancel</c>: operators' announcements from the command line, against the
/// database a running worker uses (each change is one short write transaction; the worker picks it up).
/// </summary>
internal static class BroadcastVerbs
{
    public static Command Create(OperatorVerbHost hosts) => new("broadcast", "Announcements to segments of owners.")
    {
        Preview(hosts), CreateBroadcast(hosts), List(hosts), Status(hosts), Cancel(hosts),
    };

    private static Command Preview(OperatorVerbHost hosts)
    {
        var filters = new SegmentOptions();
        var command = Verb(hosts, "preview", "How many owners a segment has now, who it leaves out and why, and a few of them (masked).", filters, (parse, verb, store, host) =>
        {
            if (!filters.TryRead(parse, out var segment) || !Check(store, segment, host))
            {
                return 1;
            }

            var (count, sample) = store.PreviewSegment(segment, 10);
            var output = new StringBuilder();
            output.Append(CultureInfo.InvariantCulture, $"{Counted.Of(count, "owner")} would receive it ({Describe(segment)}).\n");
            if (store.ExcludedFromSegment(segment).Describe(Languages.English) is { Length: > 0 } leftOut)
            {
                output.Append(leftOut).Append('\n');
            }
            foreach (var (channel, chatId, language, province) in sample)
            {
                output.Append(CultureInfo.InvariantCulture, $"  {channel} {MaskChat(chatId)}  {language}  {province ?? "-"}\n");
            }

            Console.Out.Write(output.ToString());
            return 0;
        });
        return command;
    }

    private static Command CreateBroadcast(OperatorVerbHost hosts)
    {
        var filters = new SegmentOptions();
        var textFile = new Option<FileInfo>("--text-file") { Description = "The announcement in Bahasa Indonesia (UTF-8 text file).", Required = true };
        var textEnFile = new Option<FileInfo?>("--text-en-file") { Description = "The announcement in English, for owners who chose English (default: the Indonesian text)." };
        var button = new Option<string?>("--button") { Description = "A button that starts a dialog: \"Label=/command key=value\", e.g. \"Daftar=/pelatihan program=ID\"." };
        var at = new Option<string?>("--at") { Description = "Send later: YYYY-MM-DDTHH:MM in WIB, or with an offset (+08:00 WITA, +09:00 WIT). Default: now." };
        var allowEmpty = new Option<bool>("--allow-empty") { Description = "Create it even when no owner matches now (e.g. scheduled for owners expected to match by then)." };
        var template = new Option<string?>("--whatsapp-template")
        {
            Description = "The approved template (WhatsApp:Templates) WhatsApp owners outside the 24-hour window get instead; without one they are counted outside_window, not sent.",
        };
        var templateLanguage = new Option<string?>("--template-language") { Description = "The language the template was approved in, e.g. id." };
        var templateParameters = new Option<string[]>("--template-param")
        {
            Description = "The template's body parameters, once each, in order: literal text, the same for every owner.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = Verb(hosts, "create", "Create an announcement: sent now, or at --at; the recipient list is fixed when it starts.", filters, (parse, verb, store, host) =>
        {
            if (!filters.TryRead(parse, out var segment)
                || ReadText(parse.GetValue(textFile)!, "--text-file", verb) is not { } text
                || (parse.GetValue(textEnFile) is { } en ? ReadText(en, "--text-en-file", verb) : string.Empty) is not { } textEn)
            {
                return 1;
            }

            BroadcastButton? parsedButton = null;
            if (parse.GetValue(button) is { } buttonText)
            {
                if (!BroadcastButton.TryParse(buttonText, out parsedButton, out var buttonError))
                {
                    return Fail(verb, buttonError);
                }

                if (parsedButton.Problem(host.Services.GetRequiredService<ConversationEngine>().Catalog) is { } problem)
                {
                    return Fail(verb, "--button: " + problem);
                }
            }

            if (!TryReadTemplate(parse.GetValue(template), parse.GetValue(templateLanguage), parse.GetValue(templateParameters) ?? [], verb, host, out var whatsAppTemplate))
            {
                return 1;
            }

            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            DateTimeOffset? scheduled = null;
            if (parse.GetValue(at) is { } atText)
            {
                if (!Wib.TryParseTime(atText, out var time))
                {
                    return Fail(verb, $"--at \"{atText}\" is not a time; write YYYY-MM-DDTHH:MM in WIB, e.g. {Example(now)}.");
                }

                if (time < now - TimeSpan.FromMinutes(1))
                {
                    return Fail(verb, $"--at {Wib.Format(time)} is in the past; leave --at out to send now.");
                }

                scheduled = time > now ? time : null;
            }

            if (!Check(store, segment, host))
            {
                return 1;
            }

            // The count, the refusal and the creation in one transaction: nobody can join or leave in between.
            store.Session.Begin();
            var matching = store.PreviewSegment(segment, 0).Count;
            var leftOut = store.ExcludedFromSegment(segment).Describe(Languages.English);
            if (matching == 0 && !parse.GetValue(allowEmpty))
            {
                store.Session.Rollback();
                return Fail(verb, $"no owner matches ({Describe(segment)}), so nothing was created.{(leftOut.Length > 0 ? " " + leftOut : string.Empty)}"
                    + " To create it anyway (e.g. scheduled for owners expected by then), add --allow-empty.");
            }

            var id = store.CreateBroadcast(new BroadcastDraft(text, textEn.Length == 0 ? null : textEn, parsedButton, segment, "cli", scheduled, whatsAppTemplate), now.ToUnixTimeMilliseconds());
            leftOut = Joined(leftOut, WindowNote(store.OutsideWindow(segment, now.ToUnixTimeMilliseconds()), whatsAppTemplate));
            var message = scheduled is null
                ? $"Broadcast {id} created for {Counted.Of(store.RecipientCount(id), "owner")} ({Describe(segment)}); the worker sends it at the configured rate. Follow it with: broadcast status {id}"
                : $"Broadcast {id} scheduled for {Wib.Format(scheduled.Value)}; {Counted.Of(matching, "owner")} {(matching == 1 ? "matches" : "match")} now ({Describe(segment)}); the list is fixed when it starts. Cancel with: broadcast cancel {id}";
            store.Session.Commit();
            Console.Out.WriteLine(leftOut.Length > 0 ? message + "\n" + leftOut : message);
            return 0;
        });
        command.Options.Add(textFile);
        command.Options.Add(textEnFile);
        command.Options.Add(button);
        command.Options.Add(at);
        command.Options.Add(allowEmpty);
        command.Options.Add(template);
        command.Options.Add(templateLanguage);
        command.Options.Add(templateParameters);
        return command;
    }

    /// <summary>
    /// The template options, checked against the approved templates: false after one line on stderr when the template
    /// is not approved, not in that language, or given another number of parameters than it has.
    /// </summary>
    private static bool TryReadTemplate(string? name, string? language, string[] parameters, string verb, IHost host, out Outbox.OutboxTemplate? template)
    {
        template = null;
        if (name is null)
        {
            if (language is null && parameters.Length == 0)
            {
                return true;
            }

            Fail(verb, "--template-language and --template-param go with --whatsapp-template NAME; without a template, WhatsApp owners outside the 24-hour window are counted, not sent.");
            return false;
        }

        WhatsAppTemplateOptions approved;
        try
        {
            approved = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WhatsAppTemplateOptions>>().Value;
        }
        catch (Exception ex) when (StartupProblem.IsFixable(ex))
        {
            Fail(verb, StartupProblem.Describe(ex));
            return false;
        }

        if (approved.Problem(name, language, parameters) is { } problem)
        {
            Fail(verb, problem);
            return false;
        }

        template = WhatsAppTemplateOptions.Stored(name, language!, parameters);
        return true;
    }

    /// <summary>What becomes of WhatsApp owners outside the 24-hour window now, when there are any.</summary>
    private static string WindowNote(int outside, Outbox.OutboxTemplate? template) => outside == 0
        ? string.Empty
        : template is null
            ? $"{Counted.Of(outside, "WhatsApp owner")} {(outside == 1 ? "is" : "are")} outside the 24-hour window now: counted outside_window, not sent, unless they write first (add --whatsapp-template to reach them)."
            : $"{Counted.Of(outside, "WhatsApp owner")} outside the 24-hour window now get the template {template.Name} ({template.Language}).";

    private static string Joined(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : first + "\n" + second;

    /// <summary>The columns of 'broadcast list', tab-separated like 'programs list'; times in WIB.</summary>
    internal const string ListHeader = "id\tstatus\tscheduled (WIB)\tcreated (WIB)\trecipients\tsent\tsegment";

    private static Command List(OperatorVerbHost hosts) => Verb(hosts, "list", "Every broadcast, newest first: status, when it is (or was) sent and when it was created (WIB), counts.", null, (_, _, store, _) =>
    {
        var summaries = BroadcastSummary.Read(store.Session.Connection);
        var output = new StringBuilder();
        if (summaries.Count == 0)
        {
            output.Append(BroadcastReport.NoBroadcasts).Append(" Create one with: broadcast create --text-file FILE [filters]\n");
        }
        else
        {
            output.Append(ListHeader).Append('\n');
        }

        foreach (var summary in summaries)
        {
            output.Append(CultureInfo.InvariantCulture,
                $"{summary.Id}\t{summary.Status.Name()}\t{Wib.Format(summary.ScheduledAt)}\t{Wib.Format(summary.CreatedAt)}\t{summary.Recipients}\t{summary.Sent}\t{(summary.Segment.Length == 0 ? "everyone" : summary.Segment)}\n");
        }

        Console.Out.Write(output.ToString());
        return 0;
    });

    private static Command Status(OperatorVerbHost hosts)
    {
        var id = new Argument<long>("ID") { Description = "The broadcast's number (see 'broadcast list')." };
        var command = Verb(hosts, "status", "One broadcast: queued, sent, failed, blocked, opted out, started, finished, rate.", null, (parse, verb, store, _) =>
        {
            if (BroadcastSummary.Read(store.Session.Connection, parse.GetValue(id)) is not [var summary])
            {
                return Fail(verb, $"there is no broadcast {parse.GetValue(id)}; see 'broadcast list'.");
            }

            BroadcastReport.WriteText(Console.Out, [summary]);
            return 0;
        });
        command.Arguments.Add(id);
        return command;
    }

    private static Command Cancel(OperatorVerbHost hosts)
    {
        var id = new Argument<long>("ID") { Description = "The broadcast's number (see 'broadcast list')." };
        var command = Verb(hosts, "cancel", "Stop a scheduled or sending broadcast: nobody not yet sent gets it.", null, (parse, verb, store, host) =>
        {
            var broadcast = parse.GetValue(id);
            store.Session.Begin();
            var result = store.CancelBroadcast(broadcast, host.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds());
            store.Session.Commit();
            switch (result)
            {
                case null:
                    return Fail(verb, $"there is no broadcast {broadcast}; see 'broadcast list'.");
                case ({ } status, _) when !status.IsOpen():
                    return Fail(verb, $"broadcast {broadcast} is already {status.Name()}; nothing to cancel.");
                case (_, var cancelled):
                    Console.Out.WriteLine($"Broadcast {broadcast} cancelled: {Counted.Of(cancelled, "recipient")} will not get it. See: broadcast status {broadcast}");
                    return 0;
            }
        });
        command.Arguments.Add(id);
        return command;
    }

    /// <summary>
    /// A verb on the operators' host: its options (--db, --dialogs and any segment filters) and an action given the
    /// store, run once the host is up; a start-up problem a person can fix is one line on stderr and exit 1.
    /// </summary>
    private static Command Verb(OperatorVerbHost hosts, string name, string description, SegmentOptions? filters, Func<ParseResult, string, BroadcastStore, IHost, int> action)
    {
        var (db, dialogs) = (OperatorVerbHost.DbOption(), OperatorVerbHost.DialogsOption());
        var command = new Command(name, description) { db, dialogs };
        filters?.AddTo(command);
        var verb = "broadcast " + name;
        command.SetAction(async parse =>
        {
            using var host = await hosts.BuildExistingAsync(parse.GetValue(db), parse.GetValue(dialogs), verb).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }

            return await OperatorVerbHost.ResolveAsync<BroadcastStore>(host, verb).ConfigureAwait(false) is { } store
                ? action(parse, verb, store, host)
                : 1;
        });
        return command;
    }

    /// <summary>Filter values no owner has: said, with the values there are, instead of an empty segment.</summary>
    private static bool Check(BroadcastStore store, BroadcastSegment segment, IHost host)
    {
        List<string> programmes;
        try
        {
            programmes = host.Services.GetRequiredService<TrainingCatalog>().Programs.Select(p => p.Id).ToList();
        }
        catch (Exception ex) when (StartupProblem.IsFixable(ex))
        {
            Console.Error.WriteLine("broadcast: " + StartupProblem.Describe(ex));
            return false;
        }

        var problems = SegmentChecks.Problems(store, segment, Languages.English, programmes);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("broadcast: " + problem);
        }

        return problems.Count == 0;
    }

    private static string? ReadText(FileInfo file, string option, string verb)
    {
        if (!AnnouncementFile.TryRead(file.FullName, out var text, out var problem))
        {
            Fail(verb, $"{option} {file.FullName} {problem}");
            return null;
        }

        return text;
    }

    /// <summary>An --at example that is never in the past: tomorrow 09:00 WIB.</summary>
    private static string Example(DateTimeOffset now) =>
        now.ToOffset(Wib.Offset).Date.AddDays(1).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static int Fail(string verb, string message)
    {
        Console.Error.WriteLine($"{verb}: {message}");
        return 1;
    }

    private static string Describe(BroadcastSegment segment) => segment.IsEveryone ? "everyone not opted out" : segment.ToString();

    /// <summary>A chat id with only its last digits shown: enough to tell owners apart, not to find them.</summary>
    internal static string MaskChat(string chatId) =>
        chatId.Length <= 4 ? new string('*', chatId.Length) : new string('*', chatId.Length - 4) + chatId[^4..];
}
