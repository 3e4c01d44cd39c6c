using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using ChatAssistant.Operators;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Migrate;

/// <summary>
/// <c>export-sqlite-to-postgres --from FILE [--to CONNECTION] [--force]</c>: copies an SQLite deployment into
/// PostgreSQL (see <see cref="SqliteToPostgresExport"/>) and prints each table's rows in both. Exit 0 when every
/// count matched and the copy is committed, 1 otherwise (nothing written).
/// </summary>
internal static class ExportVerb
{
    public static Command Create(OperatorVerbHost hosts)
    {
        var from = new Option<string>("--from") { Description = "The SQLite database file to copy (stop the worker on it first).", Required = true };
        var to = new Option<string?>("--to") { Description = "The PostgreSQL connection string (default: Storage:ConnectionString)." };
        var force = new Option<bool>("--force") { Description = "Empty a target that already holds data before copying (its data is lost)." };
        var command = new Command("export-sqlite-to-postgres", "Copy an SQLite database (at this build's schema version) into an empty PostgreSQL database, table by table, and check every table's row count.")
        {
            from, to, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            const string Verb = "export-sqlite-to-postgres";
            using var host = hosts.Build(db: null, dialogs: null);
            var configuration = host.Services.GetRequiredService<IConfiguration>();
            var connectionString = parse.GetValue(to) ?? configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.ConnectionString)}"];
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                await Console.Error.WriteLineAsync($"{Verb}: no PostgreSQL to copy into: give --to \"Host=…;Database=…;Username=…;Password=…\" or set Storage:ConnectionString.").ConfigureAwait(false);
                return 1;
            }

            var sqlitePath = parse.GetValue(from)!;
            ExportResult result;
            try
            {
                var export = new SqliteToPostgresExport(
                    host.Services.GetRequiredService<TimeProvider>(),
                    host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SqliteToPostgresExport).FullName!));
                result = export.Run(sqlitePath, connectionString, parse.GetValue(force));
            }
            catch (Exception ex) when (ex is ExportRefusedException or DbException or ArgumentException || StartupProblem.IsFixable(ex))
            {
                // ArgumentException: a connection string Npgsql cannot read.
                await Console.Error.WriteLineAsync($"{Verb}: {StartupProblem.Describe(ex)}").ConfigureAwait(false);
                return 1;
            }

            Write(Console.Out, result, sqlitePath);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return result.Committed ? 0 : 1;
        });
        return command;
    }

    public static void Write(TextWriter output, ExportResult result, string sqlitePath)
    {
        if (result.Removed > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--force: removed the {result.Removed} row(s) the target held."));
        }

        output.WriteLine("table\tsqlite\tpostgres");
        foreach (var table in result.Tables)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.Table}\t{table.Source}\t{table.Target}{(table.Matches ? "" : "\tMISMATCH")}"));
        }

        output.WriteLine(result.Committed
            ? string.Create(CultureInfo.InvariantCulture, $"Copied {result.Tables.Sum(t => t.Target)} row(s) in {result.Tables.Count} tables from {sqlitePath}; every count matches.")
            : "The counts differ; nothing was committed, the target is as it was.");
    }
}
