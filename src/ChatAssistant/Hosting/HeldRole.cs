using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Hosting;

/// <summary>
/// A hosted service that runs only on the replica holding its <see cref="Role"/> (<see cref="IReplicaRoles"/>):
/// where replicas share the database, it starts when the role is taken (a replica may wait for it all its life)
/// and stops at shutdown before the role is released, so the next holder starts after it. On a database of one
/// process it starts and stops with the host, exactly as without this wrapper.
/// </summary>
/// <param name="lost">Called when the role is lost, before the service is stopped (e.g. to skip a sender's flush).</param>
internal sealed class HeldRole(
    string role,
    IHostedService inner,
    IReplicaRoles roles,
    IStorageProvider storage,
    IHostApplicationLifetime lifetime,
    ILogger<HeldRole> logger,
    Action? lost = null) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _holding;
    private CancellationToken _stopToken;

    public string Role => role;

    /// <summary>The service run under the role.</summary>
    public IHostedService Service => inner;

    /// <summary>Roles' names: one replica polls a channel, one sends on it, one queues its announcements.</summary>
    public static string Poll(string channel) => "poll:" + channel;

    public static string Send(string channel) => "send:" + channel;

    public static string Feed(string channel) => "feed:" + channel;

    /// <summary>One replica plans and queues reminders for every channel.</summary>
    public const string Remind = "remind";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.SharedByReplicas)
        {
            return inner.StartAsync(cancellationToken);
        }

        _holding = roles.RunWhileHeldAsync(role, HoldAsync, _stopping.Token);
        return Task.CompletedTask;
    }

    private async Task HoldAsync(CancellationToken held)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var whenHeldEnds = held.Register(() => stopped.TrySetResult());
        try
        {
            await inner.StartAsync(held).ConfigureAwait(false);

            // A background service that fails stops the host when the host started it (its default behaviour);
            // started here, it must do so through this wrapper.
            var ended = inner is BackgroundService { ExecuteTask: { } execute } ? execute : stopped.Task;
            await Task.WhenAny(ended, stopped.Task).ConfigureAwait(false);
            if (ended.IsFaulted && !held.IsCancellationRequested)
            {
                Storage.Log.RoleWorkFailed(logger, role, ended.Exception.GetBaseException());
                lifetime.StopApplication();
            }
            else if (held.IsCancellationRequested && !_stopping.IsCancellationRequested)
            {
                lost?.Invoke();
            }
        }
        catch (Exception ex) when (!held.IsCancellationRequested)
        {
            Storage.Log.RoleWorkFailed(logger, role, ex);
            lifetime.StopApplication();
        }
        finally
        {
            // Stopped within the host's own bound at shutdown; at once when the role was lost.
            await inner.StopAsync(_stopToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_holding is null)
        {
            if (!storage.SharedByReplicas)
            {
                await inner.StopAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        _stopToken = cancellationToken;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _holding.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();
}

internal static class HeldRoleServices
{
    /// <summary>
    /// Registers a hosted service that runs only while this replica holds <paramref name="role"/> (see
    /// <see cref="HeldRole"/>); not AddHostedService, which adds a factory's type only once.
    /// </summary>
    public static IServiceCollection AddHeldRole<TService>(this IServiceCollection services, string role, Func<IServiceProvider, TService> create, Action<TService>? lost = null)
        where TService : IHostedService =>
        services.AddSingleton<IHostedService>(sp =>
        {
            var inner = create(sp);
            return Hold(sp, role, inner, lost is null ? null : () => lost(inner));
        });

    /// <summary>
    /// Puts the hosted services already registered as <typeparamref name="TService"/> under <paramref name="role"/>,
    /// at the same place in the start order; none registered (e.g. Telegram in webhook mode) changes nothing.
    /// </summary>
    public static IServiceCollection HoldHostedService<TService>(this IServiceCollection services, string role)
        where TService : IHostedService
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (IsHosted(services[i]) && services[i].ImplementationType == typeof(TService))
            {
                services[i] = Held(services[i], role);
            }
        }

        return services;
    }

    /// <summary>Puts the hosted service registered last under <paramref name="role"/>, at the same place in the start order.</summary>
    public static IServiceCollection HoldLastHostedService(this IServiceCollection services, string role)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (IsHosted(services[i]))
            {
                services[i] = Held(services[i], role);
                return services;
            }
        }

        throw new InvalidOperationException("No hosted service is registered to put under role " + role + ".");
    }

    private static bool IsHosted(ServiceDescriptor descriptor) => descriptor.ServiceType == typeof(IHostedService) && !descriptor.IsKeyedService;

    private static ServiceDescriptor Held(ServiceDescriptor descriptor, string role) =>
        ServiceDescriptor.Singleton<IHostedService>(sp =>
        {
            var inner = (IHostedService)(descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
            return Hold(sp, role, inner, null);
        });

    private static HeldRole Hold(IServiceProvider sp, string role, IHostedService inner, Action? lost) => new(
        role,
        inner,
        sp.GetRequiredService<IReplicaRoles>(),
        sp.GetRequiredService<IStorageProvider>(),
        sp.GetRequiredService<IHostApplicationLifetime>(),
        sp.GetRequiredService<ILogger<HeldRole>>(),
        lost);
}
