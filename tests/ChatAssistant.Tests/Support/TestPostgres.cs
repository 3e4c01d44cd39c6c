using System.Diagnostics;
using Npgsql;

namespace ChatAssistant.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests share, each test in a database of its own: the server named by
/// <c>CHATASSISTANT_TEST_PG</c> (<c>.ci/run</c> starts a private one from Debian's packages), else one this test run
/// starts itself with <c>scripts/postgres-test-server.sh</c> and stops when the run ends. No server at all fails the
/// PostgreSQL tests, saying how to get one: they are never skipped.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "CHATASSISTANT_TEST_PG";

    private static readonly Lazy<string> Server = new(FindOrStart, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's connection string (its maintenance database).</summary>
    public static string ServerConnectionString => Server.Value;

    /// <summary>
    /// A new empty database of this test's own; the connection string to it, without pooling, so that a test's
    /// closed connections really close (hundreds of tests' idle pools would exhaust the server's connections).
    /// </summary>
    public static string NewDatabase() => NewDatabase(Server.Value);

    /// <summary>A new empty database on <paramref name="server"/> (a test's private server), as <see cref="NewDatabase()"/>.</summary>
    public static string NewDatabase(string server)
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name} TEMPLATE template0";
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
    }

    private static string FindOrStart()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        var folder = Path.Combine(Path.GetTempPath(), "chatassistant-tests-pg-" + Guid.NewGuid().ToString("N"));
        var script = Path.Combine(AssistantProcess.RepositoryRoot(), "scripts", "postgres-test-server.sh");
        var (code, output) = Run(script, "start", folder);
        if (code != 0)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL for the tests: set {Variable} to a connection string, or install Debian's postgresql-15 so the tests can start one ({script} said: {output.Trim()}).");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(script, "stop", folder);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file the stopping server still held: the temp folder is cleaned by the system.
            }
        };
        return output.Trim().Split('\n')[^1];
    }

    /// <summary>Runs <c>scripts/postgres-test-server.sh</c> with <paramref name="command"/> on the server in <paramref name="folder"/>.</summary>
    internal static (int Code, string Output) Run(string command, string folder) =>
        Run(Path.Combine(AssistantProcess.RepositoryRoot(), "scripts", "postgres-test-server.sh"), command, folder);

    private static (int Code, string Output) Run(string script, string command, string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? output : output + error.Result);
    }
}
