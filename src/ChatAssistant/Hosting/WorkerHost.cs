using ChatAssistant.Broadcasts;
using ChatAssistant.Channels;
using ChatAssistant.Channels.Telegram;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Conversations;
using ChatAssistant.Health;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Outbox;
using ChatAssistant.Reminders;
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
    /// <param name="overrides">Settings over the configuration's.</param>
    /// <param name="channels">The chat channels enabled.</param>
    /// <param name="replace">Services replaced last (a test's fake clock); null in the real worker.</param>
    public static IHost Build(IReadOnlyDictionary<string, string?> overrides, out IReadOnlyList<string> channels, Action<IServiceCollection>? replace = null)
    {
        var builder = AssistantHost.CreateBuilder(overrides, quietConsole: false);
        channels = EnabledChannels(builder.Configuration);
        builder.Services.AddConversations(builder.Configuration);

        // Replicas on one shared database elect one poller, one sender and one feeder per channel (HeldRole); the
        // webhooks and the conversation writer run on every replica. On SQLite this one process holds every role.
        builder.Services.AddReplicaRoles(builder.Configuration);
        builder.Services.AddHostedService<OutboxNotices>(); // another replica's replies wake this one's sender
        var telegram = channels.Contains(ChannelNames.Telegram);
        var whatsApp = channels.Contains(ChannelNames.WhatsApp);
        var telegramSection = builder.Configuration.GetSection(TelegramOptions.Section);
        var whatsAppSection = builder.Configuration.GetSection(WhatsAppOptions.Section);

        // In this order: hosted services start in it and stop in reverse, so every channel's receiving stops first,
        // then the feeders, then the senders flush (each channel's own ShutdownFlushTimeout), then the writer.
        if (telegram)
        {
            builder.Services.AddTelegram(builder.Configuration);
            builder.Services.AddOutboxSender<TelegramSender>(ChannelNames.Telegram, telegramSection);
        }

        if (whatsApp)
        {
            builder.Services.AddWhatsApp(builder.Configuration);
            builder.Services.AddOutboxSender<WhatsAppSender>(ChannelNames.WhatsApp, whatsAppSection, WhatsAppOutboxDefaults);
        }

        foreach (var channel in channels)
        {
            builder.Services.AddBroadcastFeeder(channel).HoldLastHostedService(HeldRole.Feed(channel));
        }

        if (builder.Configuration.GetValue(ReminderOptions.Section + ":" + nameof(ReminderOptions.Enabled), true))
        {
            builder.Services.AddReminderScheduler(channels).HoldLastHostedService(HeldRole.Remind);
        }

        if (telegram)
        {
            builder.Services.AddTelegramReceiving(builder.Configuration).HoldHostedService<TelegramPoller>(HeldRole.Poll(ChannelNames.Telegram));
        }

        if (whatsApp)
        {
            builder.Services.AddWhatsAppReceiving(builder.Configuration);
        }

        // The console's pages join the webhooks' host (or start it, when Telegram polls and WhatsApp is off).
        if (ConsoleServices.IsEnabled(builder.Configuration))
        {
            builder.Services.AddOperatorConsoleWeb();

            // Both chat apps' shaping, whichever are served: an announcement's preview shows what owners on each get.
            builder.Services.AddSingleton<IChannelPreview, TelegramPreview>();
            builder.Services.AddSingleton<IChannelPreview, WhatsAppPreview>();
        }

        // After the channels: hosted services stop in reverse order, so the recorder stops before them.
        builder.Services.AddChannelHealth(builder.Configuration);

        // Room for the senders' bounded flushes on SIGTERM, one after the other, after receiving has stopped.
        var flush = (telegram ? FlushTimeout(telegramSection) : TimeSpan.Zero) + (whatsApp ? FlushTimeout(whatsAppSection) : TimeSpan.Zero);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = flush + TimeSpan.FromSeconds(10));
        replace?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// The outbox's limits for WhatsApp where the <c>WhatsApp</c> section says nothing: 70 sends per second (the
    /// number's 80 counts inbound messages too), and Meta's pair limit of about one message per 6 s to one owner on
    /// average, with bursts (up to ~45 in 6 s borrow future quota; error 131056 beyond). A bucket of 10 earning one
    /// back every 6 s keeps that average while a reply of several parts and a few quick answers go at once; even a
    /// restart, which refills our bucket but not Meta's, stays under 45 (2 x 10), and a larger bucket would only
    /// postpone the same wait.
    /// </summary>
    private static void WhatsAppOutboxDefaults(OutboxOptions options)
    {
        options.MaxMessagesPerSecond = new WhatsAppOptions().MaxMessagesPerSecond;
        options.PerChatInterval = TimeSpan.FromSeconds(6);
        options.PerChatBurst = 10;
    }

    private static TimeSpan FlushTimeout(IConfigurationSection section) =>
        section.GetValue<TimeSpan?>(nameof(OutboxOptions.ShutdownFlushTimeout)) ?? new OutboxOptions().ShutdownFlushTimeout;

    /// <summary>
    /// A channel's outbox dispatcher over its sender, with the outbox options of the channel's configuration section
    /// (over the channel's own <paramref name="defaults"/>, if any).
    /// </summary>
    private static IServiceCollection AddOutboxSender<TSender>(this IServiceCollection services, string channel, IConfigurationSection section, Action<OutboxOptions>? defaults = null)
        where TSender : class, IOutboxChannel
    {
        var options = services.AddOptions<OutboxOptions>(channel);
        if (defaults is not null)
        {
            options.Configure(defaults); // registered before Bind, so it runs first and the section's values win
        }

        options.Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());

        // The channel's one sender among replicas (with its settling of interrupted claims at start); when it loses the
        // role it stops without flushing, since the next holder sends the same rows.
        services.AddHeldRole(HeldRole.Send(channel), sp => new OutboxDispatcher(
            sp.GetRequiredService<TSender>(),
            sp.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get(channel),
            sp.GetRequiredService<OutboxReader>(),
            sp.GetRequiredService<IStoreWriter>(),
            sp.GetRequiredService<OutboxStore>(),
            sp.GetRequiredService<OutboxSignal>(),
            sp.GetServices<IOutboxObserver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Random>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher>>()),
            lost: dispatcher => dispatcher.SkipFlush());
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
