using ChatAssistant.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ChatAssistant.Channels.Telegram;

internal static class TelegramServices
{
    /// <summary>
    /// The Telegram channel's client, sender (<see cref="TelegramSender"/>, an outbox channel), receiver and probe:
    /// no hosted service, so the composition can add the channel's outbox dispatcher after it and then
    /// <see cref="AddTelegramReceiving"/>. Hosted services stop in reverse order, so receiving stops first, then
    /// the sender flushes, then the writer.
    /// </summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelegramOptions.Section);
        services.AddOptions<TelegramOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();

        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var clientOptions = new TelegramBotClientOptions(settings.BotToken!, string.IsNullOrWhiteSpace(settings.ApiBaseUrl) ? null : settings.ApiBaseUrl)
            {
                // 429s are the sender's to handle (it pauses everything for retry_after), not the client's.
                RetryThreshold = 0,
                RetryCount = 0, // and none at all, even for a retry_after of 0
            };
            // Every answered call is noted for the health check (ChannelHealthRecorder).
            var recorder = new ChannelCallHandler(sp.GetRequiredService<ChannelCalls>(), TelegramInbound.Channel, sp.GetRequiredService<TimeProvider>())
            {
                InnerHandler = new SocketsHttpHandler(),
            };
            var http = new HttpClient(recorder) { Timeout = settings.PollTimeout + TimeSpan.FromSeconds(30) };
            return new TelegramBotClient(clientOptions, http);
        });
        services.TryAddSingleton<ChannelCalls>();
        services.AddSingleton<IChannelProbe, TelegramProbe>();
        services.AddSingleton<TelegramReceiver>();
        services.AddSingleton<TelegramSender>();
        return services;
    }

    /// <summary>Receiving (polling or webhook) and the command menu, started after the channel's outbox sender.</summary>
    public static IServiceCollection AddTelegramReceiving(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelegramOptions.Section);
        services.AddHostedService<TelegramCommandMenu>();

        if (section.GetValue<TelegramMode>(nameof(TelegramOptions.Mode)) == TelegramMode.Webhook)
        {
            // The shared web host first: it listens before the webhook tells Telegram where to post, and stops first.
            services.AddWebhook<TelegramWebhook>();
            services.AddHostedService(sp => sp.GetRequiredService<TelegramWebhook>());
        }
        else
        {
            services.AddSingleton<TelegramUpdateSource>();
            services.AddHostedService<TelegramPoller>();
        }

        return services;
    }
}
