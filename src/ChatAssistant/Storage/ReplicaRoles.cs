using System.ComponentModel.DataAnnotations;
using ChatAssistant.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Storage;

/// <summary>
/// The work that only one replica may do at a time (polling a channel, sending within a channel's rate, queueing
/// announcements), each under a role's name such as <c>send:telegram</c>. Where several replicas share one
/// database, the database elects the holder (<see cref="Postgres.PostgresReplicaRoles"/>); on an embedded
/// database this process is the only one (its file lock sees to that), so it holds every role.
/// </summary>
internal interface IReplicaRoles
{
    /// <summary>
    /// Waits until this replica holds <paramref name="role"/>, then runs <paramref name="work"/> with a token
    /// cancelled when <paramref name="cancellationToken"/> is or when the role is lost; returns when the work has
    /// ended and the role is released. A lost role also stops the application: another replica takes it over.
    /// </summary>
    Task RunWhileHeldAsync(string role, Func<CancellationToken, Task> work, CancellationToken cancellationToken);
}

/// <summary>One process per database (SQLite): every role is this process's, at once.</summary>
internal sealed class SingleProcessRoles : IReplicaRoles
{
    public Task RunWhileHeldAsync(string role, Func<CancellationToken, Task> work, CancellationToken cancellationToken) => work(cancellationToken);
}

/// <summary>Configuration section <c>Replicas</c>: how replicas on one shared database elect a role's holder.</summary>
internal sealed class ReplicaRoleOptions
{
    public const string Section = "Replicas";

    /// <summary>How often a replica waiting for a role tries to take it; a dead holder's role moves within about this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the holder checks that its database session, which holds the role, is still there.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a check may take before the session counts as lost (a network that drops packets silently).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

[OptionsValidator]
internal sealed partial class ReplicaRoleOptionsValidator : IValidateOptions<ReplicaRoleOptions>;

internal static class ReplicaRoleServices
{
    /// <summary>
    /// Roles and notices for the configured provider: elected by PostgreSQL where replicas share the database, this
    /// process's alone on SQLite. Options from the <c>Replicas</c> section.
    /// </summary>
    public static IServiceCollection AddReplicaRoles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReplicaRoleOptions>().Bind(configuration.GetSection(ReplicaRoleOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReplicaRoleOptions>, ReplicaRoleOptionsValidator>());
        services.TryAddSingleton<IReplicaRoles>(sp => sp.GetRequiredService<IStorageProvider>() is PostgresProvider postgres
            ? new PostgresReplicaRoles(
                postgres.ConnectionString,
                sp.GetRequiredService<IOptions<ReplicaRoleOptions>>().Value,
                sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PostgresReplicaRoles>>())
            : new SingleProcessRoles());
        services.TryAddSingleton<IReplicaNotices>(sp => sp.GetRequiredService<IStorageProvider>() is PostgresProvider postgres
            ? new PostgresReplicaNotices(
                postgres.ConnectionString,
                sp.GetRequiredService<IOptions<ReplicaRoleOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PostgresReplicaNotices>>())
            : new NoReplicaNotices());
        return services;
    }
}
