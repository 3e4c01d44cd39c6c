using System.Data.Common;
using System.Globalization;
using ChatAssistant.Shared;
using ChatAssistant.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatAssistant.Health;

/// <summary>The result of a health check: one line a person (or Docker's health log) reads.</summary>
internal sealed record HealthReport(bool Healthy, string Line);

/// <summary>
/// Is the worker fit to serve: its database opens read-only and answers, and every enabled channel had a
/// successful call recently (recorded by the worker's <see cref="ChannelHealthRecorder"/>). Read-only, so it
/// runs beside the worker and never changes the file.
/// </summary>
internal static class HealthCheck
{
    /// <summary>The check on an SQLite file: it exists, opens read-only and answers.</summary>
    public static HealthReport Run(string databasePath, IReadOnlyList<string> channels, TimeSpan maxSilence, DateTimeOffset now)
    {
        if (!File.Exists(databasePath))
        {
            return new(false, $"unhealthy: the database {databasePath} does not exist");
        }

        return Run(
            () =>
            {
                var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = databasePath,
                    Mode = SqliteOpenMode.ReadOnly,
                    Pooling = false,
                    DefaultTimeout = 5,
                }.ToString());
                try
                {
                    connection.Open();
                    using var busy = connection.CreateCommand();
                    busy.CommandText = "PRAGMA busy_timeout = 5000";
                    busy.ExecuteNonQuery();
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }

                return connection;
            },
            "database " + databasePath,
            channels,
            maxSilence,
            now);
    }

    /// <summary>
    /// The check on PostgreSQL, shared by every replica: the server answers on a connection of the check's own (a few
    /// seconds at most, no pool left behind). There is no file to look at.
    /// </summary>
    public static HealthReport RunPostgres(string? connectionString, IReadOnlyList<string> channels, TimeSpan maxSilence, DateTimeOffset now)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString ?? string.Empty) { Timeout = 5, CommandTimeout = 5, Pooling = false };
        }
        catch (ArgumentException ex)
        {
            return new(false, $"unhealthy: Storage:ConnectionString is not a PostgreSQL connection string: {ex.Message}");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            return new(false, "unhealthy: Storage:ConnectionString names no PostgreSQL host");
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"database {builder.Database ?? builder.Username} on {builder.Host}:{builder.Port}");
        using var provider = new PostgresProvider(builder.ConnectionString);
        return Run(provider.Open, name, channels, maxSilence, now);
    }

    /// <summary>
    /// The check on a database reached through <paramref name="open"/> (a server: it answers; nothing is written):
    /// <paramref name="database"/> names it in the line ("database NAME on HOST"), without secrets.
    /// </summary>
    public static HealthReport Run(Func<DbConnection> open, string database, IReadOnlyList<string> channels, TimeSpan maxSilence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(channels);
        long schema;
        var seen = new List<(string Channel, DateTimeOffset? At)>();
        try
        {
            using var connection = open();
            schema = ChannelHealthSql.SchemaVersion(connection);
            foreach (var channel in channels)
            {
                seen.Add((channel, ChannelHealthSql.LastSuccess(connection, channel)));
            }
        }
        catch (DbException ex)
        {
            return new(false, $"unhealthy: the {database} does not answer: {ex.Message}");
        }

        var parts = new List<string> { $"{database} answers (schema {schema.ToString(CultureInfo.InvariantCulture)})" };
        if (seen.Count == 0)
        {
            parts.Add("no channel is enabled");
        }

        var healthy = true;
        foreach (var (channel, at) in seen)
        {
            if (at is not { } last)
            {
                healthy = false;
                parts.Add($"{channel}: no successful call recorded yet");
            }
            else if (now - last > maxSilence)
            {
                healthy = false;
                parts.Add($"{channel}: last successful call {Ago(now - last)} ago ({Wib.Format(last)}), more than Health:MaxSilence {maxSilence:c}");
            }
            else
            {
                parts.Add($"{channel}: last successful call {Ago(now - last)} ago");
            }
        }

        return new(healthy, (healthy ? "healthy: " : "unhealthy: ") + string.Join("; ", parts));
    }

    private static string Ago(TimeSpan span) => span < TimeSpan.FromMinutes(2)
        ? $"{Math.Max(0, (long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"
        : $"{((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min";
}
