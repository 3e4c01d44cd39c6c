using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAssistant.Channels;

/// <summary>A channel's webhook (or the operator console): the endpoints it maps onto the <see cref="WebhookHost"/> listening at its <see cref="ListenUrl"/>.</summary>
internal interface IWebhookEndpoints
{
    /// <summary>Where the channel's settings say to listen; webhooks with the same address share one Kestrel host.</summary>
    string ListenUrl { get; }

    /// <summary>Maps the channel's endpoints (called once, before the host starts listening).</summary>
    void Map(IEndpointRouteBuilder routes);

    /// <summary>Services the endpoints need in the host's own container (the console's authentication, anti-forgery...); webhooks need none.</summary>
    void AddServices(IServiceCollection services)
    {
    }

    /// <summary>Middleware ahead of every endpoint of the host (keep it to the endpoints' own paths); webhooks need none.</summary>
    void Use(WebApplication app)
    {
    }
}
