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
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section)).ValidateOnStart();
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
        return services.AddWebhook<ConsoleWeb>();
    }

    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetSection(ConsoleOptions.Section).GetValue<bool>(nameof(ConsoleOptions.Enabled));
}
