using Microsoft.AspNetCore.Routing;

namespace ChatAssistant.Channels;

/// <summary>A channel's webhook: the endpoints it maps onto the <see cref="WebhookHost"/> listening at its <see cref="ListenUrl"/>.</summary>
internal interface IWebhookEndpoints
{
    /// <summary>Where the channel's settings say to listen; webhooks with the same address share one Kestrel host.</summary>
    string ListenUrl { get; }

    /// <summary>Maps the channel's endpoints (called once, before the host starts listening).</summary>
    void Map(IEndpointRouteBuilder routes);
}
