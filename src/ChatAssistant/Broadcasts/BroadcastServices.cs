using ChatAssistant.Conversations;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Broadcasts;

internal static class BroadcastServices
{
    /// <summary>Announcements' options and the operators allowed to send them from a chat.</summary>
    public static IServiceCollection AddBroadcasts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BroadcastOptions>().Bind(configuration.GetSection(BroadcastOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BroadcastOptions>, BroadcastOptionsValidator>();
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>();
        services.AddOptions<WhatsAppTemplateOptions>().Bind(configuration.GetSection(WhatsAppTemplateOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WhatsAppTemplateOptions>, WhatsAppTemplateOptionsValidator>();
        services.AddSingleton<BroadcastStore>();
        services.AddSingleton<IDialogActionHandler, BroadcastActions>();
        services.AddSingleton<IOutboxObserver, BroadcastRecipientObserver>(); // recipients' statuses follow their sends
        return services;
    }

    /// <summary>The feeder that queues a channel's announcements; registered beside the channel's outbox sender.</summary>
    public static IServiceCollection AddBroadcastFeeder(this IServiceCollection services, string channel) =>
        // Not AddHostedService: it adds a factory's type only once, so a second channel's feeder would be dropped.
        services.AddSingleton<IHostedService>(sp => new BroadcastFeeder(
            channel,
            sp.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get(channel),
            sp.GetRequiredService<IOptions<BroadcastOptions>>().Value,
            sp.GetRequiredService<ConversationWriter>(),
            sp.GetRequiredService<BroadcastStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Random>(),
            sp.GetRequiredService<ILogger<BroadcastFeeder>>()));
}
