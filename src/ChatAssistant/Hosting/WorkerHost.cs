using ChatAssistant.Channels.Telegram;
using ChatAssistant.Health;
using ChatAssistant.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Hosting;

/// <summary>The worker the default verb runs: the conversation core plus every enabled channel.</summary>
internal static class WorkerHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> overrides, out IReadOnlyList<string> channels)
    {
        var builder = AssistantHost.CreateBuilder(overrides, quietConsole: false);
        channels = EnabledChannels(builder.Configuration);
        builder.Services.AddConversations(builder.Configuration);
        if (channels.Contains(TelegramInbound.Channel))
        {
            builder.Services.AddTelegram(builder.Configuration);
        }

        // After the channels: hosted services stop in reverse order, so the recorder stops before them.
        builder.Services.AddChannelHealth(builder.Configuration);

        // Room for the sender's bounded flush on SIGTERM, after receiving has stopped.
        var flush = builder.Configuration.GetSection(TelegramOptions.Section).GetValue<TimeSpan?>(nameof(OutboxOptions.ShutdownFlushTimeout))
            ?? new OutboxOptions().ShutdownFlushTimeout;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = flush + TimeSpan.FromSeconds(10));
        return builder.Build();
    }

    /// <summary>The channels whose configuration is present.</summary>
    internal static IReadOnlyList<string> EnabledChannels(IConfiguration configuration)
    {
        var channels = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"]))
        {
            channels.Add(TelegramInbound.Channel);
        }

        return channels;
    }
}
