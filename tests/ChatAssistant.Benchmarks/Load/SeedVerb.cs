using System.CommandLine;
using System.Diagnostics;
using ChatAssistant.Storage;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// <c>seed</c> (hidden): creates the database and stores the owners, in a process of its own. The harness runs
/// it as a child so that the memory SQLite takes for a million-row transaction (which the C allocator keeps
/// once freed) does not count in the working set of the run it measures.
/// </summary>
internal static class SeedVerb
{
    public static Command Create()
    {
        var database = new Option<string>("--db") { Description = "The database file to create.", Required = true };
        var stored = new Option<int>("--stored") { Description = "Owners to store.", Required = true };
        var command = new Command("seed", "Create a database with this many stored owners (the load harness runs it).") { database, stored };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var path = parse.GetValue(database)!;
            using var connection = Database.Open(path, TimeSpan.FromSeconds(30));
            Database.Migrate(connection, TimeProvider.System);
            OwnerSeeder.Seed(connection, parse.GetValue(stored), DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds());
            Database.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            return 0;
        });
        return command;
    }

    /// <summary>Runs <c>seed</c> in a child process of this same program; the error output when it fails, else null.</summary>
    public static async Task<string?> RunChildAsync(string path, int stored)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SeedVerb).Assembly.Location); // run as 'dotnet ChatAssistant.Benchmarks.dll'
        }

        foreach (var argument in new[] { "seed", "--db", path, "--stored", stored.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode == 0 ? null : (await error.ConfigureAwait(false)) + (await output.ConfigureAwait(false));
    }
}
