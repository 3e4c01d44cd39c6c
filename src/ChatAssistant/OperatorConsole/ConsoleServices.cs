using ChatAssistant.Channels;
using ChatAssistant.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatAssistant.OperatorConsole;

internal static class ConsoleServices
{
    /// <summary>
    /// The console's options and the /masuk action, for every verb (dialogs name the action whether or not the
    /// console is served; while it is off, /masuk says so).
    /// </summary>
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>()
            .Bind(configuration.GetSection(ConsoleOptions.Section))
            .PostConfigure(console =>
            {
                // Unless told otherwise, the console listens where the webhooks do, so it shares their port and proxy.
                if (configuration[ConsoleOptions.Section + ":" + nameof(ConsoleOptions.ListenUrl)] is null)
                {
                    console.ListenUrl = WebhookListenUrl(configuration) ?? ConsoleOptions.DefaultListenUrl;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        services.AddSingleton<ConsoleStore>();
        services.AddSingleton<IDialogActionHandler, ConsoleActions>();
        return services;
    }

    /// <summary>The console's pages on the shared web host; the worker adds them when <c>Console:Enabled</c>.</summary>
    public static IServiceCollection AddOperatorConsoleWeb(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<BroadcastConsole>();
        services.AddSingleton(Handoff.HandoffConsole.Create);
        return services.AddWebhook<ConsoleWeb>();
    }

    /// <summary>
    /// The listen address of the webhook that runs: WhatsApp's (its webhook always runs when it is on), else Telegram's
    /// when it takes a webhook. Read by name, since the console does not know the channels' types.
    /// </summary>
    private static string? WebhookListenUrl(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["WhatsApp:AccessToken"]) ? configuration["WhatsApp:ListenUrl"]
        : !string.IsNullOrEmpty(configuration["Telegram:WebhookUrl"]) ? configuration["Telegram:ListenUrl"]
        : null;

    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetSection(ConsoleOptions.Section).GetValue<bool>(nameof(ConsoleOptions.Enabled));
}
