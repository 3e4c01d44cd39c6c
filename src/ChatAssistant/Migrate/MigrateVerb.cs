using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using ChatAssistant.Operators;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Migrate;

/// <summary>
/// <c>migrate [--db FILE]</c>: brings the configured database's schema up to date (the SQLite file, or PostgreSQL
/// with <c>Storage:Provider=Postgres</c>), prints the migrations it applied and exits. A deployment of several
/// replicas runs it once before starting them; a worker migrates at start too, so it is never required. On
/// PostgreSQL only one process migrates at a time (an advisory lock): the others wait, then find nothing to apply.
/// </summary>
internal static class MigrateVerb
{
    public static Command Create(OperatorVerbHost hosts)
    {
        var db = OperatorVerbHost.DbOption();
        var command = new Command("migrate", "Bring the configured database's schema up to date (SQLite, or PostgreSQL with Storage:Provider=Postgres), print the migrations applied, and exit.")
        {
            db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            const string Verb = "migrate";
            using var host = hosts.Build(parse.GetValue(db), dialogs: null);
            try
            {
                var provider = host.Services.GetRequiredService<IStorageProvider>();
                IReadOnlyList<Migration> applied;
                using (var connection = provider.Open())
                {
                    applied = MigrationRunner.Apply(connection, provider, host.Services.GetRequiredService<TimeProvider>());
                }

                var latest = provider.Migrations[^1].Version;
                Log.MigrationsApplied(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateVerb).FullName!), applied.Count, provider.Kind.ToString(), latest);
                Write(Console.Out, applied, provider.Kind, latest);
            }
            catch (Exception ex) when (StartupProblem.IsFixable(ex) || ex is DbException)
            {
                await Console.Error.WriteLineAsync($"{Verb}: {StartupProblem.Describe(ex)}").ConfigureAwait(false);
                return 1;
            }

            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    public static void Write(TextWriter output, IReadOnlyList<Migration> applied, StorageProviderKind kind, int latest)
    {
        if (applied.Count == 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Nothing to apply: the {kind} schema is at version {latest}."));
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Applied {applied.Count} migration(s); the {kind} schema is at version {latest}:"));
        foreach (var migration in applied)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {migration.Version,3}  {migration.Name}"));
        }
    }
}
