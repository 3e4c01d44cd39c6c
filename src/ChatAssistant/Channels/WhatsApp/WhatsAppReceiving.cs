using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Channels.WhatsApp;

internal static class WhatsAppReceiving
{
    /// <summary>Whether configuration enables the channel: <c>WhatsApp:AccessToken</c> is set.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{WhatsAppOptions.Section}:{nameof(WhatsAppOptions.AccessToken)}"]);

    /// <summary>The <c>WhatsApp</c> settings, checked at start (one line per problem).</summary>
    public static IServiceCollection AddWhatsAppOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WhatsAppOptions>().Bind(configuration.GetSection(WhatsAppOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WhatsAppOptions>, WhatsAppOptionsValidator>());
        return services;
    }

    /// <summary>
    /// The webhook, on the shared web host (<see cref="WebhookHost"/>: one Kestrel host with Telegram's webhook when
    /// both listen at the same address), registered after the channel's outbox sender so that it stops first.
    /// </summary>
    public static IServiceCollection AddWhatsAppReceiving(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWhatsAppOptions(configuration);
        services.AddWebhook<WhatsAppWebhook>();
        return services;
    }
}
