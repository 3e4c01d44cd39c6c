namespace ChatAssistant.Tests.Support;

/// <summary>
/// A PostgreSQL server of one test's own (<c>scripts/postgres-test-server.sh</c>, about two seconds to start), for
/// what the shared server must not see: a restart under a running writer. Stopped and deleted when disposed.
/// </summary>
internal sealed class PostgresPrivateServer : IDisposable
{
    private readonly TempFolder _folder;

    private PostgresPrivateServer(TempFolder folder, string connectionString)
    {
        _folder = folder;
        ConnectionString = connectionString;
    }

    /// <summary>The server's connection string (its maintenance database).</summary>
    public string ConnectionString { get; }

    public static PostgresPrivateServer Start()
    {
        var folder = new TempFolder();
        var (code, output) = TestPostgres.Run("start", folder.Path);
        if (code != 0)
        {
            folder.Dispose();
            throw new InvalidOperationException("Starting a private PostgreSQL server failed (install Debian's postgresql-15): " + output.Trim());
        }

        return new PostgresPrivateServer(folder, output.Trim().Split('\n')[^1]);
    }

    /// <summary>Stops the server (fast: every session is ended) and starts it again on the same port.</summary>
    public void Restart()
    {
        var (code, output) = TestPostgres.Run("restart", _folder.Path);
        Assert.True(code == 0, output);
    }

    public void Dispose()
    {
        TestPostgres.Run("stop", _folder.Path);
        _folder.Dispose();
    }
}
