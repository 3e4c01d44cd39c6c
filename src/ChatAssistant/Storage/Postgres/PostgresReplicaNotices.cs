using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatAssistant.Storage.Postgres;

/// <summary>
/// Hears other replicas' notices with <c>LISTEN</c> on a connection of its own, waiting on it between notices
/// (<see cref="NpgsqlConnection.WaitAsync(TimeSpan, CancellationToken)"/>) and checking it whenever it was quiet for a
/// <see cref="ReplicaRoleOptions.CheckInterval"/>; a lost connection is opened again after the
/// <see cref="ReplicaRoleOptions.RetryInterval"/>. PostgreSQL delivers a notice when the transaction that sent it
/// commits, so what it announces is there to read when it is heard.
/// </summary>
internal sealed partial class PostgresReplicaNotices(
    string connectionString,
    ReplicaRoleOptions options,
    TimeProvider time,
    ILogger<PostgresReplicaNotices> logger) : IReplicaNotices
{
    public async Task ListenAsync(string channel, Action heard, CancellationToken cancellationToken)
    {
        if (!SqlName().IsMatch(channel))
        {
            throw new ArgumentException($"A notice channel is a lower-case SQL name, not '{channel}'.", nameof(channel));
        }

        for (var failures = 0; !cancellationToken.IsCancellationRequested; )
        {
            try
            {
                var session = await PostgresSessions.OpenDedicatedAsync(connectionString, "chatassistant listen " + channel, options.CheckTimeout, cancellationToken).ConfigureAwait(false);
                await using (session.ConfigureAwait(false))
                {
                    session.Notification += (_, _) => heard();
                    await using (var listen = new NpgsqlCommand("LISTEN " + channel, session))
                    {
                        await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    Log.Listening(logger, channel, failures);
                    failures = 0;
                    heard(); // what was committed while nobody listened

                    while (true)
                    {
                        if (!await session.WaitAsync(options.CheckInterval, cancellationToken).ConfigureAwait(false))
                        {
                            await PostgresSessions.PingAsync(session, options.CheckTimeout, time).ConfigureAwait(false);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Meanwhile the sender still finds new rows by its own idle poll, only later.
                if (++failures <= 3 || failures % 30 == 0)
                {
                    Log.ListenFailed(logger, channel, failures, options.RetryInterval, ex);
                }
            }

            try
            {
                await Task.Delay(options.RetryInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex SqlName();
}
