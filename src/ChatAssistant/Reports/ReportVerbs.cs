using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text;
using ChatAssistant.Broadcasts;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Operators;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Reports;

/// <summary>
/// Operators' reports: <c>report funnel DIALOG [--since DATE] [--csv FILE]</c> (how owners move through one dialog)
/// and <c>report broadcasts [--csv FILE]</c> (every broadcast with its recipients by status and by channel, WhatsApp's
/// delivered and read counts, and its send rate). Both split by channel where owners came on more than one.
/// <c>report reminders [--csv FILE]</c>: reminders per kind by state, the skipped ones by reason, and the training
/// follow-up's ratings per programme. All read the database only; CSV files are UTF-8 with a byte order mark, so spreadsheets read them as UTF-8.
/// </summary>
internal static class ReportVerbs
{
    public static Command Create(OperatorVerbHost hosts) => new("report", "Operators' reports: dialog funnels, broadcasts and reminders.") { Funnel(hosts), Broadcasts(hosts), Reminders(hosts) };

    private static Command Funnel(OperatorVerbHost hosts)
    {
        var db = DbOption();
        var dialogs = new Option<string?>("--dialogs") { Description = "The dialogs folder, for the dialog's steps in order (default: Dialogs:Path, dialogs)." };
        var dialogId = new Argument<string>("DIALOG") { Description = "The dialog's id, e.g. stimulus-eligibility." };
        var since = new Option<string?>("--since") { Description = "Only conversations started on or after this date, yyyy-MM-dd in WIB (UTC+7)." };
        var csvFile = CsvOption();
        var funnel = new Command("funnel", "How owners move through one dialog: started, completed, cancelled, still open, outcomes, and the step where the others stopped; per channel (Telegram, WhatsApp) when owners came on more than one.")
        {
            dialogId, since, csvFile, db, dialogs,
        };
        funnel.SetAction(async (parse, cancellationToken) =>
        {
            const string Verb = "report funnel";
            DateOnly? sinceDate = null;
            if (parse.GetValue(since) is { } sinceText)
            {
                if (!Wib.TryParseDate(sinceText, out var parsed))
                {
                    await System.Console.Error.WriteLineAsync($"{Verb}: --since '{sinceText}' is not a date; write it as yyyy-MM-dd, e.g. 2026-11-01.").ConfigureAwait(false);
                    return 1;
                }

                sinceDate = parsed;
            }

            using var host = await hosts.BuildExistingAsync(parse.GetValue(db), parse.GetValue(dialogs), Verb).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }

            var id = parse.GetValue(dialogId)!;
            var report = await RunAsync(host, Verb, async connection =>
            {
                var catalog = host.Services.GetRequiredService<ConversationEngine>().Catalog;
                if (catalog.Find(id) is not { } dialog)
                {
                    var known = catalog.Dialogs.Count == 0 ? "none (check --dialogs)" : string.Join(", ", catalog.Dialogs.Select(d => d.Id));
                    await System.Console.Error.WriteLineAsync($"{Verb}: no dialog '{id}'; known dialogs: {known}.").ConfigureAwait(false);
                    return null;
                }

                return FunnelReport.Read(connection, dialog.Definition, sinceDate);
            }).ConfigureAwait(false);
            if (report is null)
            {
                return 1;
            }

            return await WriteAsync(
                Verb, parse.GetValue(csvFile), report.WriteCsv, report.WriteText,
                path => $"Funnel of {report.DialogId} ({Counted.Of(report.Started, "conversation")}) written to {path}", cancellationToken).ConfigureAwait(false);
        });
        return funnel;
    }

    private static Command Broadcasts(OperatorVerbHost hosts)
    {
        var db = DbOption();
        var csvFile = CsvOption();
        var broadcasts = new Command("broadcasts", "Every broadcast, newest first: times, recipients by status and by channel, what WhatsApp reported delivered and read, and the send rate.") { csvFile, db };
        broadcasts.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await hosts.BuildExistingAsync(parse.GetValue(db), dialogs: null, "report broadcasts").ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }

            var summaries = await RunAsync(host, "report broadcasts", connection => Task.FromResult<IReadOnlyList<BroadcastSummary>?>(BroadcastSummary.Read(connection)))
                .ConfigureAwait(false);
            if (summaries is null)
            {
                return 1;
            }

            return await WriteAsync(
                "report broadcasts", parse.GetValue(csvFile), file => BroadcastReport.WriteCsv(file, summaries), output => BroadcastReport.WriteText(output, summaries),
                path => summaries.Count == 0
                    ? $"{BroadcastReport.NoBroadcasts} The header alone was written to {path}"
                    : $"{Counted.Of(summaries.Count, "broadcast")} written to {path}",
                cancellationToken).ConfigureAwait(false);
        });
        return broadcasts;
    }

    private static Command Reminders(OperatorVerbHost hosts)
    {
        const string Verb = "report reminders";
        var db = DbOption();
        var csvFile = CsvOption();
        var reminders = new Command("reminders", "Reminders per kind: scheduled, queued, sent, skipped (by reason: turned_off, opted_out, unreachable, outside_window, too_late), cancelled, failed; and the training follow-up's ratings per programme.")
        {
            csvFile, db,
        };
        reminders.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await hosts.BuildExistingAsync(parse.GetValue(db), dialogs: null, Verb).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }

            var report = await RunAsync(host, Verb, connection => Task.FromResult<ReminderReport?>(ReminderReport.Read(connection))).ConfigureAwait(false);
            if (report is null)
            {
                return 1;
            }

            return await WriteAsync(
                Verb, parse.GetValue(csvFile), report.WriteCsv, report.WriteText,
                path => $"Reminders report ({Counted.Of(report.Kinds.Sum(k => k.Total), "reminder")}) written to {path}", cancellationToken).ConfigureAwait(false);
        });
        return reminders;
    }

    /// <summary>
    /// A report as CSV to <paramref name="csvPath"/> (saying on stderr what was written) or as text to the terminal;
    /// 1 with one line when the file cannot be written.
    /// </summary>
    private static async Task<int> WriteAsync(
        string verb, string? csvPath, Action<TextWriter> writeCsv, Action<TextWriter> writeText, Func<string, string> written, CancellationToken cancellationToken)
    {
        if (csvPath is not null)
        {
            if (OperatorCsv.TryWriteFile(csvPath, writeCsv) is { } problem)
            {
                await System.Console.Error.WriteLineAsync($"{verb}: {problem}").ConfigureAwait(false);
                return 1;
            }

            await System.Console.Error.WriteLineAsync(written(csvPath)).ConfigureAwait(false);
        }
        else
        {
            writeText(System.Console.Out);
        }

        await System.Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static Option<string?> DbOption() => OperatorVerbHost.DbOption();

    private static Option<string?> CsvOption() => new("--csv") { Description = "Write CSV with a header to this file (UTF-8) instead of text to the terminal." };

    /// <summary>
    /// Opens the database (brought up to date, as every verb does, so a report never fails on a missing table) and
    /// reads from it; a problem a person can fix is one line on standard error and a null result.
    /// </summary>
    private static async Task<T?> RunAsync<T>(IHost host, string verb, Func<DbConnection, Task<T?>> read)
        where T : class
    {
        try
        {
            var provider = host.Services.GetRequiredService<IStorageProvider>();
            using var connection = provider.Open();
            MigrationRunner.Apply(connection, provider, host.Services.GetRequiredService<TimeProvider>());
            return await read(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (StartupProblem.IsFixable(ex))
        {
            await System.Console.Error.WriteLineAsync($"{verb}: {StartupProblem.Describe(ex)}").ConfigureAwait(false);
            return null;
        }
    }
}
