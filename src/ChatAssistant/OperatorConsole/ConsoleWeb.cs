using System.Security.Claims;
using ChatAssistant.Channels;
using ChatAssistant.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// The console's pages under <c>/console</c>, on the worker's shared web host. Signing in is by a one-time link the
/// bot gives an operator for /masuk: its page asks for one tap (a POST, so a chat app fetching a link preview does not
/// use it up), which sets a cookie session (HttpOnly, SameSite=Strict, Secure behind HTTPS, expiring after
/// <see cref="ConsoleOptions.SessionLifetime"/> unused). Anyone without a session gets 404, as if there were no console.
/// </summary>
internal sealed class ConsoleWeb(
    IOptions<ConsoleOptions> options,
    IOptions<StorageOptions> storage,
    IStorageProvider provider,
    IStoreWriter writer,
    ConsoleStore store,
    AuditLog audit,
    TimeProvider time,
    ILogger<ConsoleWeb> logger) : IWebhookEndpoints
{
    public const string CookieName = "console_session";
    private const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const int AuditPageSize = 200;

    private IEndpointRouteBuilder? _routes;

    public string ListenUrl => options.Value.ListenUrl;

    /// <summary>The addresses Kestrel listens on once started (the real port when configured with port 0).</summary>
    public IReadOnlyCollection<string> Addresses =>
        _routes?.ServiceProvider.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    private Uri PublicUrl => new(options.Value.PublicUrl!);

    public void AddServices(IServiceCollection services)
    {
        var console = options.Value;
        var secure = PublicUrl.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddSingleton(time); // the cookie's expiry follows the worker's clock (a fake one in tests)

        // Beside the database, so sessions survive a restart and a new image (the database's volume keeps them).
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.Path))!, "console-keys");
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(folder)).SetApplicationName("ChatAssistant.Console");
        services.AddAuthentication(Scheme).AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = ConsolePaths.Root;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = secure;
            cookie.ExpireTimeSpan = console.SessionLifetime;
            cookie.SlidingExpiration = true;

            // No sign-in page to send anyone to: without a session the console does not exist.
            cookie.Events.OnRedirectToLogin = c => Status(c.Response, StatusCodes.Status404NotFound);
            cookie.Events.OnRedirectToAccessDenied = c => Status(c.Response, StatusCodes.Status404NotFound);
        });
        services.AddAuthorization();
        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "console_antiforgery";
            a.Cookie.Path = ConsolePaths.Root;
            a.Cookie.SecurePolicy = secure;
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.FormFieldName = "__console_token";
        });
    }

    public void Use(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var scheme = PublicUrl.Scheme;
        app.UseWhen(c => c.Request.Path.StartsWithSegments(ConsolePaths.Root, StringComparison.Ordinal), console =>
        {
            // Operators reach the console only through PublicUrl (the proxy ends TLS there), so a request is treated as
            // made over its scheme: Secure cookies and the anti-forgery check hold behind the proxy.
            console.Use((context, next) =>
            {
                context.Request.Scheme = scheme;
                context.Response.Headers.XFrameOptions = "DENY";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "no-referrer"; // a sign-in link never leaves in a Referer
                context.Response.Headers.CacheControl = "no-store";
                return next(context);
            });
            console.UseAuthentication();
            console.UseAuthorization();
        });
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        _routes = routes;
        var console = routes.MapGroup(ConsolePaths.Root);
        console.MapGet("/masuk/{token}", (HttpContext context, string token, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return ConsoleHtml.Page(
                "Masuk ke konsol",
                "<p>Ketuk tombol di bawah untuk masuk. Tautan ini hanya bisa dipakai sekali. (Tap to sign in; the link works once.)</p>"
                + ConsoleHtml.Form(ConsolePaths.SignIn + "/" + token, tokens, "<button type=\"submit\">Masuk (sign in)</button>"));
        });
        console.MapPost("/masuk/{token}", async (HttpContext context, string token, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                return ConsoleHtml.Page("Permintaan ditolak", "<p>Formulir ini kedaluwarsa. Minta tautan baru dengan /masuk. (Request refused.)</p>", status: StatusCodes.Status400BadRequest);
            }

            var hash = ConsoleActions.Hash(token);
            var who = await writer.RunAsync(store, (s, now) => s.Redeem(hash, now), context.RequestAborted).ConfigureAwait(false);
            if (who is null)
            {
                Log.LinkRefused(logger);
                return ConsoleHtml.NotFound();
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, who.Id)], Scheme);
            await context.SignInAsync(Scheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
            await audit.WriteAsync(who, AuditLog.Actions.SignedIn, null, context.RequestAborted).ConfigureAwait(false);
            Log.SignedIn(logger, who.Id);
            return Results.Redirect(ConsolePaths.Root, permanent: false, preserveMethod: false);
        });

        var signedIn = console.MapGroup(string.Empty).RequireAuthorization();
        signedIn.MapGet("/", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var who = Operator(context);
            return ConsoleHtml.Page(
                "Konsol operator",
                "<p>Selamat datang, " + ConsoleHtml.E(who.Id) + ". (Welcome.)</p><ul><li><a href=\"" + ConsolePaths.Audit + "\">Log audit</a></li></ul>",
                who,
                antiforgery.GetAndStoreTokens(context));
        });
        signedIn.MapGet("/audit", (HttpContext context, IAntiforgery antiforgery) =>
        {
            using var connection = provider.Open();
            var entries = AuditLog.Newest(connection, AuditPageSize);
            return ConsoleHtml.Page("Log audit", ConsoleHtml.AuditTable(entries), Operator(context), antiforgery.GetAndStoreTokens(context));
        });
        signedIn.MapPost("/keluar", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                return ConsoleHtml.Page("Permintaan ditolak", "<p>Formulir ini kedaluwarsa; muat ulang halaman. (Request refused.)</p>", status: StatusCodes.Status400BadRequest);
            }

            var who = Operator(context);
            await audit.WriteAsync(who, AuditLog.Actions.SignedOut, null, context.RequestAborted).ConfigureAwait(false);
            await context.SignOutAsync(Scheme).ConfigureAwait(false);
            return ConsoleHtml.Page("Anda sudah keluar", "<p>Untuk masuk lagi, kirim /masuk ke asisten. (Signed out; send /masuk to sign in again.)</p>");
        });
    }

    private static ConsoleOperator Operator(HttpContext context) =>
        ConsoleOperator.Parse(context.User.FindFirstValue(ClaimTypes.NameIdentifier))
        ?? throw new InvalidOperationException("A console session without an operator id.");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
