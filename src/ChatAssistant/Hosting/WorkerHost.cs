using ChatAssistant.Broadcasts;
using ChatAssistant.Channels.Telegram;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Conversations;
using ChatAssistant.Health;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Hosting;

/// <summary>The worker the default verb runs: the conversation core plus every enabled channel.</summary>
internal static class WorkerHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> overrides, out IReadOnlyList<string> channels)
    {
        var builder = AssistantHost.CreateBuilder(overrides, quietConsole: false);
        channels = EnabledChannels(builder.Configuration);
        builder.Services.AddConversations(builder.Configuration);
        if (channels.Contains(ChannelNames.Telegram))
        {
            // In this order: hosted services start in it and stop in reverse, so receiving stops first, then the
            // feeder, then the sender flushes.
            builder.Services.AddTelegram(builder.Configuration);
            builder.Services.AddOutboxSender<TelegramSender>(ChannelNames.Telegram, builder.Configuration.GetSection(TelegramOptions.Section));
            builder.Services.AddBroadcastFeeder(ChannelNames.Telegram);
            builder.Services.AddTelegramReceiving(builder.Configuration);
        }

        if (channels.Contains(ChannelNames.WhatsApp))
        {
            builder.Services.AddWhatsAppReceiving(builder.Configuration);
        }

        // After the channels: hosted services stop in reverse order, so the recorder stops before them.
        builder.Services.AddChannelHealth(builder.Configuration);

        // Room for the sender's bounded flush on SIGTERM, after receiving has stopped.
        var flush = builder.Configuration.GetSection(TelegramOptions.Section).GetValue<TimeSpan?>(nameof(OutboxOptions.ShutdownFlushTimeout))
            ?? new OutboxOptions().ShutdownFlushTimeout;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = flush + TimeSpan.FromSeconds(10));
        return builder.Build();
    }

    /// <summary>A channel's outbox dispatcher over its sender, with the outbox options of the channel's configuration section.</summary>
    private static IServiceCollection AddOutboxSender<TSender>(this IServiceCollection services, string channel, IConfigurationSection section)
        where TSender : class, IOutboxChannel
    {
        services.AddOptions<OutboxOptions>(channel).Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        services.AddHostedService(sp => new OutboxDispatcher(
            sp.GetRequiredService<TSender>(),
            sp.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get(channel),
            sp.GetRequiredService<OutboxReader>(),
            sp.GetRequiredService<IStoreWriter>(),
            sp.GetRequiredService<OutboxStore>(),
            sp.GetRequiredService<OutboxSignal>(),
            sp.GetServices<IOutboxObserver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Random>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher>>()));
        return services;
    }

    /// <summary>The channels whose configuration is present.</summary>
    internal static IReadOnlyList<string> EnabledChannels(IConfiguration configuration)
    {
        var channels = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"]))
        {
            channels.Add(ChannelNames.Telegram);
        }

        if (WhatsAppReceiving.IsEnabled(configuration))
        {
            channels.Add(ChannelNames.WhatsApp);
        }

        return channels;
    }
}
