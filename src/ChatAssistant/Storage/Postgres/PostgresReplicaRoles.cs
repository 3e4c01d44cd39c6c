using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatAssistant.Storage.Postgres;

/// <summary>
/// Roles elected by PostgreSQL itself: the holder of a role is the replica whose database session holds the role's
/// session-level advisory lock (<c>pg_try_advisory_lock</c>), on a connection of its own (never pooled, so that no
/// other work shares or resets that session). The others try again every <see cref="ReplicaRoleOptions.RetryInterval"/>.
/// A replica that dies releases its roles at once, because PostgreSQL ends a session whose socket closes; the next
/// try of another replica takes them over. The holder checks its session every
/// <see cref="ReplicaRoleOptions.CheckInterval"/>; when the session is gone the lock may already be someone else's,
/// so it cancels the work and stops the application: two holders never work side by side beyond that moment.
/// </summary>
internal sealed class PostgresReplicaRoles(
    string connectionString,
    ReplicaRoleOptions options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<PostgresReplicaRoles> logger) : IReplicaRoles
{
    /// <summary>The advisory lock key of a role: the same in every process, version and machine (<see cref="LockKey"/>).</summary>
    public static long Key(string role) => LockKey.Of("role", role);

    public async Task RunWhileHeldAsync(string role, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var key = Key(role);
        NpgsqlConnection? session = null;
        try
        {
            var waiting = false;
            for (var failures = 0; ; )
            {
                try
                {
                    session ??= await PostgresSessions.OpenDedicatedAsync(connectionString, "chatassistant role " + role, options.CheckTimeout, cancellationToken).ConfigureAwait(false);
                    failures = 0;
                    if (await TryTakeAsync(session, key, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    if (!waiting)
                    {
                        Log.RoleWaiting(logger, role, options.RetryInterval); // once per wait, not every try
                        waiting = true;
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // The database is away: the first tries, then about once a minute.
                    if (++failures <= 3 || failures % 30 == 0)
                    {
                        Log.RoleTryFailed(logger, role, failures, options.RetryInterval, ex);
                    }

                    await DisposeAsync(session).ConfigureAwait(false);
                    session = null;
                }

                await Task.Delay(options.RetryInterval, time, cancellationToken).ConfigureAwait(false);
            }

            Log.RoleTaken(logger, role);
            await HoldAsync(role, session, work, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping, before the role was taken or while its work ended.
        }
        finally
        {
            // Ending the session releases the lock: the role is free for the next try of another replica.
            await DisposeAsync(session).ConfigureAwait(false);
        }
    }

    private async Task HoldAsync(string role, NpgsqlConnection session, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var working = Task.Run(() => work(held.Token), CancellationToken.None);
        var stopping = Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        using var workEnded = new CancellationTokenSource();
        Task<Exception?>? check = null;
        Exception? lost = null;
        while (true)
        {
            // Waiting on the session reads its socket, so a session that PostgreSQL ended (the server stopped, an
            // operator terminated it) is seen at once; a quiet one is asked for an answer every CheckInterval. The
            // wait is cancelled only once the work has ended: a cancelled read may break the session, freeing the role.
            check ??= CheckAsync(session, workEnded.Token);
            var first = await Task.WhenAny(working, stopping, check).ConfigureAwait(false);
            if (first != check)
            {
                break;
            }

            lost = await check.ConfigureAwait(false);
            check = null;
            if (lost is not null)
            {
                break;
            }
        }

        if (lost is not null)
        {
            // The lock went with the session: another replica may hold the role by now.
            Log.RoleLost(logger, role, lost);
            await held.CancelAsync().ConfigureAwait(false);
            lifetime.StopApplication();
            try
            {
                await working.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The work was cancelled, as asked.
            }

            return;
        }

        // Stopping (the linked token cancels the work) or the work ended by itself: it ends while the role is still
        // held, so that a sender's last flush never overlaps with the next holder's first round.
        try
        {
            await working.ConfigureAwait(false);
        }
        finally
        {
            if (check is not null)
            {
                await workEnded.CancelAsync().ConfigureAwait(false);
                await check.ConfigureAwait(false); // the session closes next, releasing the role
            }

            Log.RoleReleased(logger, role);
        }
    }

    private static async Task<bool> TryTakeAsync(NpgsqlConnection session, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", session);
        command.Parameters.AddWithValue("key", key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Null when the session is still there after a CheckInterval; the error when it is not.</summary>
    private async Task<Exception?> CheckAsync(NpgsqlConnection session, CancellationToken workEnded)
    {
        try
        {
            if (!await session.WaitAsync(options.CheckInterval, workEnded).ConfigureAwait(false))
            {
                await PostgresSessions.PingAsync(session, options.CheckTimeout, time).ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task DisposeAsync(NpgsqlConnection? session)
    {
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Connections of their own, outside any pool, for a session that holds something (a lock, a LISTEN).</summary>
internal static class PostgresSessions
{
    /// <summary>Opens a connection that no pool shares or resets, named for <c>pg_stat_activity</c>.</summary>
    public static async Task<NpgsqlConnection> OpenDedicatedAsync(string connectionString, string applicationName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = applicationName,
            Timeout = Math.Max(1, (int)timeout.TotalSeconds),
            CommandTimeout = Math.Max(1, (int)timeout.TotalSeconds),

            // The server notices a replica whose machine vanished without closing its socket within seconds,
            // not the system's two hours, and so frees its roles for the others.
            Options = string.Join(' ', new[] { new NpgsqlConnectionStringBuilder(connectionString).Options, "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3" }
                .Where(o => !string.IsNullOrWhiteSpace(o))),
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A round trip on the session (<c>SELECT 1</c>); throws when it fails or takes longer than <paramref name="timeout"/>.</summary>
    public static async Task PingAsync(NpgsqlConnection session, TimeSpan timeout, TimeProvider time)
    {
        using var limit = new CancellationTokenSource(timeout, time);
        await using var command = new NpgsqlCommand("SELECT 1", session);
        await command.ExecuteScalarAsync(limit.Token).ConfigureAwait(false);
    }
}
