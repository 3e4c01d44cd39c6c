using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ChatAssistant.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// <c>seed</c> (hidden): creates the database and stores the owners, in a process of its own. The harness runs
/// it as a child so that the memory SQLite takes for a ten-million-row load (which the C allocator keeps once
/// freed) does not count in the working set of the run it measures.
/// </summary>
internal static class SeedVerb
{
    /// <summary>Up to this many owners the child also reads every page back (integrity and foreign key checks): the smoke runs, not the big ones.</summary>
    private const int FullCheckUpTo = 100_000;

    public static Command Create()
    {
        var database = new Option<string>("--db") { Description = "The database file to create.", Required = true };
        var stored = new Option<int>("--stored") { Description = "Owners to store.", Required = true };
        var command = new Command("seed", "Create a database with this many stored owners (the load harness runs it).") { database, stored };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var path = parse.GetValue(database)!;
            var owners = parse.GetValue(stored);
            string? problem;
            using (var connection = Database.Open(path, TimeSpan.FromSeconds(30)))
            {
                Database.Migrate(connection, TimeProvider.System);
                OwnerSeeder.Seed(connection, owners, DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds());
                problem = OwnerSeeder.CheckSameSchema(connection) ?? (owners <= FullCheckUpTo ? OwnerSeeder.CheckIntegrity(connection) : null);
            }

            // Closed for real (not kept in the pool), so that the file is complete and alone, without -wal or -shm, to be copied.
            SqliteConnection.ClearAllPools();
            FlushToDisk(path);
            if (problem is not null)
            {
                Console.Error.WriteLine("the seeded database is not what the migrations make: " + problem);
                return 1;
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeding process peak working set {ProcessMemory.Peak() / (1024.0 * 1024):N1} MiB"));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Puts a database with <paramref name="stored"/> owners at <paramref name="path"/>: seeded by a child process, or
    /// with <paramref name="cacheFolder"/> copied from the one kept there for this number of owners and this schema
    /// (seeded into it first when there is none). Returns the error, or what it did for the run's output.
    /// </summary>
    public static async Task<(string? Error, string Done)> ProvideAsync(string path, int stored, string? cacheFolder)
    {
        var started = Stopwatch.GetTimestamp();
        if (cacheFolder is null)
        {
            var (error, childSays) = await RunChildWithOutputAsync(path, stored).ConfigureAwait(false);
            return (error, Invariant($"stored in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s ({childSays})"));
        }

        Directory.CreateDirectory(cacheFolder);
        var kept = Path.Combine(cacheFolder, Invariant($"owners-{stored}-{OwnerSeeder.FormatKey()}.db"));
        var seeding = string.Empty;
        if (!File.Exists(kept))
        {
            // Seeded under a name of its own and renamed when complete: an interrupted seed or a run beside this one never leaves half a file under the kept name.
            var partial = kept + ".partial-" + Guid.NewGuid().ToString("N")[..8];
            var (error, childSays) = await RunChildWithOutputAsync(partial, stored).ConfigureAwait(false);
            if (error is not null)
            {
                DeleteWithCompanions(partial);
                return (error, string.Empty);
            }

            try
            {
                File.Move(partial, kept, overwrite: false);
            }
            catch (IOException) when (File.Exists(kept))
            {
                // Another run kept the same one meanwhile; theirs is as good.
            }

            DeleteWithCompanions(partial);
            seeding = Invariant($"seeded in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s ({childSays}) and kept; ");
            started = Stopwatch.GetTimestamp();
        }
        else
        {
            seeding = "reused; ";
        }

        CopyDurably(kept, path);
        return (null, Invariant($"{seeding}copied from {kept} (and flushed to disk) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
    }

    /// <summary>
    /// Copies a database and waits until the copy is on disk. Loaded without fsync or copied, gigabytes would sit
    /// dirty in the kernel's cache and the run's first checkpoint (its fsync) would write them out while it is
    /// timed, or the kernel would while the rounds run.
    /// </summary>
    public static void CopyDurably(string from, string to)
    {
        File.Copy(from, to);
        FlushToDisk(to);
    }

    private static void FlushToDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Runs <c>seed</c> in a child process of this same program; the error output when it fails, else null.</summary>
    public static async Task<string?> RunChildAsync(string path, int stored) => (await RunChildWithOutputAsync(path, stored).ConfigureAwait(false)).Error;

    /// <summary>As <see cref="RunChildAsync"/>, with what the child printed (its peak working set).</summary>
    private static async Task<(string? Error, string Output)> RunChildWithOutputAsync(string path, int stored)
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

        foreach (var argument in new[] { "seed", "--db", path, "--stored", stored.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var said = (await output.ConfigureAwait(false)).Trim();
        return (process.ExitCode == 0 ? null : (await error.ConfigureAwait(false)) + said, said);
    }

    private static void DeleteWithCompanions(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
