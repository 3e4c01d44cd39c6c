using System.CommandLine;
using ChatAssistant.Operators;
using ChatAssistant.Storage;
using Microsoft.Extensions.Configuration;

namespace ChatAssistant.Health;

/// <summary>
/// <c>health</c>: the container's HEALTHCHECK. Exit 0 with one line when the database answers and every enabled
/// channel had a successful call within Health:MaxSilence, else exit 1 with one line saying what is wrong.
/// </summary>
internal static class HealthVerb
{
    public static Command Create(OperatorVerbHost hosts)
    {
        var db = OperatorVerbHost.DbOption();
        var command = new Command("health", "Check the worker's database and channels (for a container's HEALTHCHECK): exit 0 when healthy, 1 when not.")
        {
            db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(db) is { } path)
            {
                overrides[$"{StorageOptions.Section}:{nameof(StorageOptions.Path)}"] = path;
            }

            // Configuration only, no host: the check must be quick and must not open the database for writing.
            var configuration = hosts.Configuration(overrides);
            var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
            var health = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
            var channels = hosts.EnabledChannels(configuration);
            var report = storage.Provider == StorageProviderKind.Postgres
                ? HealthCheck.RunPostgres(storage.ConnectionString, channels, health.MaxSilence, TimeProvider.System.GetUtcNow())
                : HealthCheck.Run(storage.Path, channels, health.MaxSilence, TimeProvider.System.GetUtcNow());
            await (report.Healthy ? Console.Out : Console.Error).WriteLineAsync(report.Line.AsMemory(), cancellationToken).ConfigureAwait(false);
            return report.Healthy ? 0 : 1;
        });
        return command;
    }
}
