using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatAssistant.Channels.Telegram;

/// <summary>
/// The webhook endpoint, on the worker's shared Kestrel host (<see cref="WebhookHost"/>). A request without the
/// configured secret is refused with 401 and nothing is stored. An update is answered 200 only once it is committed,
/// so Telegram redelivers anything a crash cut off, and the inbox drops what it has already seen. As a hosted
/// service, started after the host listens, it tells Telegram where to post.
/// </summary>
internal sealed class TelegramWebhook(
    ITelegramBotClient bot,
    TelegramReceiver receiver,
    IOptions<TelegramOptions> options,
    ILogger<TelegramWebhook> logger) : IHostedService, IWebhookEndpoints
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    private IEndpointRouteBuilder? _routes;

    /// <summary>The addresses Kestrel listens on once started (the real port when configured with port 0).</summary>
    public IReadOnlyCollection<string> Addresses =>
        _routes?.ServiceProvider.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    public string ListenUrl => options.Value.ListenUrl;

    private string Path => new Uri(options.Value.WebhookUrl!).AbsolutePath;

    public void Map(IEndpointRouteBuilder routes)
    {
        _routes = routes;
        var secret = Encoding.UTF8.GetBytes(options.Value.WebhookSecret!);
        routes.MapPost(Path, async (HttpContext context) =>
        {
            var given = Encoding.UTF8.GetBytes(context.Request.Headers[SecretHeader].ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, secret))
            {
                Log.Refused(logger, context.Connection.RemoteIpAddress?.ToString());
                return Results.Unauthorized();
            }

            // The body is read as bytes and the update on its own terms (see TelegramUpdateReader): a body that is not
            // a JSON object is refused (400); one that is but cannot be used is kept as a dead letter and answered
            // 200, so that Telegram does not send it again and again.
            byte[] body;
            try
            {
                body = await WebhookRawBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                Log.BodyRefused(logger, "over " + MaxBodyBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            if (!TelegramUpdateReader.LooksLikeObject(body))
            {
                Log.BodyRefused(logger, "not a JSON object");
                return Results.BadRequest();
            }

            var update = TelegramUpdateReader.Read(body, assumedId: 0);
            await receiver.HandleAsync(update, commitOffset: false, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        });
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await bot.SetWebhook(settings.WebhookUrl!, allowedUpdates: Wanted, secretToken: settings.WebhookSecret, cancellationToken: cancellationToken).ConfigureAwait(false);
        Log.Listening(logger, string.Join(", ", Addresses), Path);
    }

    /// <summary>An update is a few kilobytes; a body over this is not one.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    // Telegram keeps updates while the webhook does not answer, and sends them after the next start; the shared host
    // stops listening (WebhookHost.StopAsync).
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
