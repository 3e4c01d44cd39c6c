using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Channels;

internal static class WebhookServices
{
    /// <summary>
    /// A channel's webhook, served by the shared <see cref="WebhookHost"/>. The host is registered (as a hosted service)
    /// at the first webhook added, so it starts after everything registered before that and stops before it.
    /// </summary>
    public static IServiceCollection AddWebhook<TWebhook>(this IServiceCollection services)
        where TWebhook : class, IWebhookEndpoints
    {
        services.TryAddSingleton<TWebhook>();
        services.AddSingleton<IWebhookEndpoints>(sp => sp.GetRequiredService<TWebhook>());
        services.TryAddSingleton<WebhookHost>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookHost>(sp => sp.GetRequiredService<WebhookHost>()));
        return services;
    }
}
