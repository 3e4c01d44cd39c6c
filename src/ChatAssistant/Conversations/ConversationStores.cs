using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAssistant.Conversations;

internal static class ConversationStores
{
    /// <summary>The stores of the conversation core on the writer's session (sessions, outbox, delivery reports, dialog versions).</summary>
    public static IServiceCollection AddConversationStores(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SessionStore(sp.GetRequiredService<WriteSession>()));
        services.AddSingleton(sp => new OutboxStore(sp.GetRequiredService<WriteSession>()));
        services.AddSingleton(sp => new DeliveryStore(sp.GetRequiredService<WriteSession>()));
        services.AddSingleton(sp => new DialogVersionStore(sp.GetRequiredService<WriteSession>()));
        return services;
    }
}
