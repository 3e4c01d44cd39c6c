using System.CommandLine;
using System.Globalization;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Operators;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Training;

/// <summary>
/// Operators' verbs: <c>programs list</c> (seats taken and waiting list per programme) and
/// <c>registrations export PROGRAM [--csv FILE] [--include-nik]</c> (UTF-8 CSV with a header; NIK masked unless asked).
/// </summary>
internal static class TrainingVerbs
{
    public static IEnumerable<Command> Create(OperatorVerbHost hosts) => [Programs(hosts), Registrations(hosts)];

    private static Command Programs(OperatorVerbHost hosts)
    {
        var db = DbOption();
        var dialogs = DialogsOption();
        var list = new Command("list", "Every programme of the training catalogue: open or closed, dates, capacity, seats taken and waiting list.") { db, dialogs };
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await hosts.BuildExistingAsync(parse.GetValue(db), parse.GetValue(dialogs), "programs list").ConfigureAwait(false);
            if (host is null || await ResolveAsync(host, "programs list").ConfigureAwait(false) is not var (catalog, store))
            {
                return 1;
            }

            // "closed" as owners see it: the registration deadline has passed (the catalogue's own day boundary).
            var today = host.Services.GetRequiredService<TrainingClock>().Today(host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var output = System.Console.Out;
            if (catalog.Programs.Count == 0)
            {
                await output.WriteLineAsync("The training catalogue has no programmes (Training:CatalogPath, dialogs/data/training-programs.yaml).".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 0;
            }

            await output.WriteLineAsync("id\tregistration\ttitle\tdates\tdeadline\tcapacity\tseats\twaitlist".AsMemory(), cancellationToken).ConfigureAwait(false);
            foreach (var program in catalog.Programs)
            {
                var registrations = store.RegistrationsOfProgram(program.Id);
                var state = program.IsOpen(today) ? "open" : "closed";
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{program.Id}\t{state}\t{program.Title.Plain(Languages.Indonesian)}\t{program.Start:yyyy-MM-dd}..{program.End:yyyy-MM-dd}\t{program.Deadline:yyyy-MM-dd}\t{program.Capacity}\t{registrations.Count(r => r.Status == RegistrationStatus.Seat)}\t{registrations.Count(r => r.Status == RegistrationStatus.Waitlist)}");
                await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return new Command("programs", "The training catalogue.") { list };
    }

    private static Command Registrations(OperatorVerbHost hosts)
    {
        var db = DbOption();
        var dialogs = DialogsOption();
        var program = new Argument<string>("PROGRAM") { Description = "The programme's id (see 'programs list')." };
        var csvFile = new Option<string?>("--csv") { Description = "Write the CSV to this file (UTF-8) instead of the terminal." };
        var includeNik = new Option<bool>("--include-nik") { Description = "Write NIKs in full (default: masked)." };
        var export = new Command("export", "A programme's registrations as CSV with a header: seats, the waiting list in order, cancelled ones.")
        {
            program, csvFile, includeNik, db, dialogs,
        };
        export.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await hosts.BuildExistingAsync(parse.GetValue(db), parse.GetValue(dialogs), "registrations export").ConfigureAwait(false);
            if (host is null || await ResolveAsync(host, "registrations export").ConfigureAwait(false) is not var (catalog, store))
            {
                return 1;
            }

            var id = parse.GetValue(program)!;
            if (catalog.Find(id) is null)
            {
                var hint = Closest.Hint(Closest.To(id, catalog.Programs.Select(p => p.Id)), english: true);
                await System.Console.Error.WriteLineAsync($"registrations export: no programme '{id}' in the catalogue{hint}; see 'programs list'.").ConfigureAwait(false);
                return 1;
            }

            var rows = RegistrationExport.Rows(store, id, parse.GetValue(includeNik));
            if (parse.GetValue(csvFile) is { } path)
            {
                if (OperatorCsv.TryWriteFile(path, file => RegistrationExport.Write(file, rows)) is { } problem)
                {
                    await System.Console.Error.WriteLineAsync($"registrations export: {problem}").ConfigureAwait(false);
                    return 1;
                }

                await System.Console.Error.WriteLineAsync($"{Counted.Of(rows.Count, "registration")} written to {path}").ConfigureAwait(false);
            }
            else
            {
                RegistrationExport.Write(System.Console.Out, rows);
            }

            return 0;
        });
        return new Command("registrations", "Training registrations.") { export };
    }

    private static Option<string?> DbOption() => OperatorVerbHost.DbOption();

    private static Option<string?> DialogsOption() => OperatorVerbHost.DialogsOption();

    private static async Task<(TrainingCatalog Catalog, TrainingStore Store)?> ResolveAsync(IHost host, string verb)
    {
        try
        {
            return (host.Services.GetRequiredService<TrainingCatalog>(), host.Services.GetRequiredService<TrainingStore>());
        }
        catch (Exception ex) when (Shared.StartupProblem.IsFixable(ex))
        {
            await System.Console.Error.WriteLineAsync($"{verb}: {Shared.StartupProblem.Describe(ex)}").ConfigureAwait(false);
            return null;
        }
    }
}
