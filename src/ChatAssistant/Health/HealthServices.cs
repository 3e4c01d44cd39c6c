using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Health;

internal static class HealthServices
{
    /// <summary>The worker's side of the health check: recording each channel's last successful call.</summary>
    public static IServiceCollection AddChannelHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();
        services.TryAddSingleton<ChannelCalls>();
        services.AddHostedService<ChannelHealthRecorder>();
        return services;
    }
}
