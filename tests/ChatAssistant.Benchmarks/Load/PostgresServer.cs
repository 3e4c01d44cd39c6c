using System.Diagnostics;
using System.Globalization;
using ChatAssistant.Benchmarks.Support;
using Npgsql;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// The PostgreSQL server a <c>load --postgres</c> run measures: the one named by <c>CHATASSISTANT_BENCH_PG</c> (a
/// server of the operator's, with its own settings), else a private one of this run's own, started with
/// <c>scripts/postgres-test-server.sh</c> and stopped at the end, so that no test or other process shares it.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    public const string Variable = "CHATASSISTANT_BENCH_PG";

    private readonly string? _folder;

    private PostgresServer(string connectionString, string origin, string? folder)
    {
        ConnectionString = connectionString;
        Origin = origin;
        _folder = folder;
    }

    /// <summary>The server's maintenance database.</summary>
    public string ConnectionString { get; }

    public string Origin { get; }

    public static PostgresServer Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return new PostgresServer(given, Variable, null);
        }

        var folder = Path.Combine(Path.GetTempPath(), "chatassistant-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, output) = Script("start", folder);
        if (code != 0)
        {
            throw new InvalidOperationException($"could not start a private PostgreSQL (set {Variable}, or install Debian's postgresql-15): {output.Trim()}");
        }

        return new PostgresServer(output.Trim().Split('\n')[^1], "a private server (scripts/postgres-test-server.sh)", folder);
    }

    /// <summary>
    /// The private server's processes (the postmaster and its backends), for counting their CPU as the run's own; empty
    /// for a server of the operator's, which may serve others too.
    /// </summary>
    public IReadOnlyList<int> Processes()
    {
        if (_folder is null || !File.Exists(Path.Combine(_folder, "datadir")))
        {
            return [];
        }

        var pidFile = Path.Combine(File.ReadAllText(Path.Combine(_folder, "datadir")).Trim(), "cluster", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var postmaster))
        {
            return [];
        }

        var processes = new List<int> { postmaster };
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == postmaster)
            {
                processes.Add(pid);
            }
        }

        return processes;
    }

    /// <summary>A new empty database; its connection string.</summary>
    public string CreateDatabase(string name, string? template = null)
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            // A copy of a seeded database by its files (FILE_COPY), not through the WAL (PostgreSQL 15's default): a million
            // owners' copy for each phase then takes seconds, not minutes.
            var copy = template is null ? "TEMPLATE template0" : $"TEMPLATE {template} STRATEGY FILE_COPY";
            using var create = new NpgsqlCommand($"CREATE DATABASE {name} {copy}", connection);
            create.CommandTimeout = 0; // a million owners' copy on a busy machine may outlast the default 30 s
            create.ExecuteNonQuery();
        }

        return Database(name);
    }

    public string Database(string name) => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;

    public void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.CommandTimeout = 0;
        drop.ExecuteNonQuery();
    }

    /// <summary>The version and the settings that decide what a commit costs, for the report.</summary>
    public string Describe()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes'), current_setting('shared_buffers')",
            connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {reader.GetString(0)} ({Origin}); fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, full_page_writes={reader.GetString(3)}, shared_buffers={reader.GetString(4)}");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder is not null)
        {
            Script("stop", _folder);
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file the stopping server still held; the temp folder is cleaned by the system.
            }
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // gone meanwhile
        }
    }

    private static (int Code, string Output) Script(string command, string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "scripts", "postgres-test-server.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? output : output + error.Result);
    }
}
