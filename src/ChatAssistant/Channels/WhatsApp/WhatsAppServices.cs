using ChatAssistant.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Channels.WhatsApp;

internal static class WhatsAppServices
{
    /// <summary>
    /// The WhatsApp channel's settings, HTTP client, sender (<see cref="WhatsAppSender"/>, an outbox channel) and
    /// health probe: no hosted service, so the composition can add the channel's outbox dispatcher after it and then
    /// <see cref="WhatsAppReceiving.AddWhatsAppReceiving"/>. Hosted services stop in reverse order, so receiving stops
    /// first, then the sender flushes, then the writer.
    /// </summary>
    public static IServiceCollection AddWhatsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWhatsAppOptions(configuration);
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
            return new WhatsAppSendSettings(settings.ApiBaseUrl, settings.PhoneNumberId!, settings.AccessToken!);
        });

        // One client for the sender and the probe; every answered call is noted for the health check (ChannelHealthRecorder).
        services.AddKeyedSingleton(WhatsAppSender.Channel, (sp, _) =>
        {
            var recorder = new ChannelCallHandler(sp.GetRequiredService<ChannelCalls>(), WhatsAppSender.Channel, sp.GetRequiredService<TimeProvider>())
            {
                // A fresh connection now and then, so a change of Meta's addresses is followed.
                InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
            };

            // A send that hangs is retried as a passing fault rather than holding one of the sender's slots for 100 s.
            return new HttpClient(recorder) { Timeout = TimeSpan.FromSeconds(30) };
        });
        services.TryAddSingleton<ChannelCalls>();
        services.AddSingleton(sp => new WhatsAppSender(
            sp.GetRequiredKeyedService<HttpClient>(WhatsAppSender.Channel),
            sp.GetRequiredService<WhatsAppSendSettings>(),
            sp.GetRequiredService<ILogger<WhatsAppSender>>()));
        services.AddSingleton<IChannelProbe>(sp => new WhatsAppProbe(
            sp.GetRequiredKeyedService<HttpClient>(WhatsAppSender.Channel),
            sp.GetRequiredService<WhatsAppSendSettings>()));
        return services;
    }
}
