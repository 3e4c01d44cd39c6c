using ChatAssistant.Conversations;
using ChatAssistant.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Handoff;

internal static class HandoffServices
{
    /// <summary>
    /// The options always (checked at start); the store, and with it the writer's routing and the engine's
    /// /petugas and offer, only when <c>Handoff:Enabled</c>.
    /// </summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(HandoffOptions.Section);
        services.AddOptions<HandoffOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>();
        if (section.GetValue<bool>(nameof(HandoffOptions.Enabled)))
        {
            services.AddSingleton(sp => new HandoffStore(
                sp.GetRequiredService<OutboxStore>(), sp.GetRequiredService<IOptions<HandoffOptions>>().Value.WorkingHours, sp.GetRequiredService<ILogger<HandoffStore>>()));
            services.AddSingleton<IHandoffRouting>(sp => sp.GetRequiredService<HandoffStore>());
        }

        return services;
    }
}
