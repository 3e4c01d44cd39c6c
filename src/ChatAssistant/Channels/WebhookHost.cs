using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Channels;

/// <summary>
/// The worker's web servers: one Kestrel host per distinct listen address, serving the endpoints of every webhook that
/// listens there, so the Telegram and WhatsApp webhooks on the same <c>ListenUrl</c> (both default to
/// <c>http://0.0.0.0:8080</c>) share one port instead of fighting over it. Registered after the channels' senders, so
/// it stops (and the webhooks stop taking messages) before the senders flush.
/// </summary>
internal sealed class WebhookHost(IEnumerable<IWebhookEndpoints> webhooks, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<string, WebApplication> _apps = new(StringComparer.Ordinal);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var listening in webhooks.GroupBy(w => Key(w.ListenUrl), StringComparer.Ordinal))
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(listening.First().ListenUrl);
            builder.Services.AddSingleton(loggerFactory);
            foreach (var webhook in listening)
            {
                webhook.AddServices(builder.Services);
            }

            var app = builder.Build();
            foreach (var webhook in listening)
            {
                webhook.Use(app);
            }

            foreach (var webhook in listening)
            {
                webhook.Map(app);
            }

            _apps.Add(listening.Key, app);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The channels keep what a stopped webhook did not answer (Telegram its updates, Meta retries for 7 days).
        foreach (var app in _apps.Values)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _apps.Clear();
    }

    /// <summary>The same address however it is written (<c>HTTP://0.0.0.0:8080/</c> is <c>http://0.0.0.0:8080</c>).</summary>
    private static string Key(string listenUrl) =>
        Uri.TryCreate(listenUrl, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : listenUrl;
}
