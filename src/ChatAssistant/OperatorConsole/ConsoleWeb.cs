using ChatAssistant.Channels;
using ChatAssistant.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// The console: Razor Pages under <c>/console</c> (OperatorConsole/Pages), on the worker's shared web host. Signing in
/// is by a one-time link the bot gives an operator for /masuk, which sets a cookie session (HttpOnly, SameSite=Strict,
/// Secure behind HTTPS, expiring after <see cref="ConsoleOptions.SessionLifetime"/> unused). Anyone without a session
/// gets 404, as if there were no console. Every POST is checked for its anti-forgery token by Razor Pages.
/// </summary>
internal sealed class ConsoleWeb(IOptions<ConsoleOptions> options, IOptions<StorageOptions> storage, IServiceProvider worker, TimeProvider time)
    : IWebhookEndpoints
{
    public const string CookieName = "console_session";
    public const string AntiforgeryFieldName = "__console_token";
    private const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

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
        ConsoleWorkerServices.Forward(worker, services);

        // Kept where sessions survive a restart and a new image: beside the SQLite file (the database's volume keeps
        // them), or in the shared PostgreSQL database, so that every replica reads the cookies any replica issued.
        var protection = services.AddDataProtection().SetApplicationName("ChatAssistant.Console");
        if (storage.Value.Provider == StorageProviderKind.Postgres)
        {
            var keyRing = new ConsoleKeyRing(worker.GetRequiredService<IStorageProvider>(), time);
            services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = keyRing);
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.Path))!, "console-keys")));
        }
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
            cookie.Events.OnValidatePrincipal = c => c.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().ValidateAsync(c);
        });
        services.AddAuthorization();
        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "console_antiforgery";
            a.Cookie.Path = ConsolePaths.Root;
            a.Cookie.SecurePolicy = secure;
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.FormFieldName = AntiforgeryFieldName;
        });

        var assembly = typeof(ConsoleWeb).Assembly;
        services.AddRazorPages(pages =>
            {
                pages.RootDirectory = "/OperatorConsole/Pages";
                pages.Conventions.AuthorizeFolder("/");
                pages.Conventions.ConfigureFilter(new AntiforgeryRefusal());
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // The pages are compiled into this assembly, which is not the entry assembly under a test host.
                parts.ApplicationParts.Clear();
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            });
    }

    public void Use(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var scheme = PublicUrl.Scheme;
        var scripts = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "OperatorConsole", "Static"));
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

            // The vendored scripts too are only for signed-in operators: to anyone else there is no console at all.
            console.UseWhen(c => c.Request.Path.StartsWithSegments(ConsolePaths.Static, StringComparison.Ordinal), files =>
            {
                files.Use((context, next) =>
                {
                    if (ConsoleOperator.FromUser(context.User) is null)
                    {
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                        return Task.CompletedTask;
                    }

                    return next(context);
                });
                files.UseStaticFiles(new StaticFileOptions { RequestPath = ConsolePaths.Static, FileProvider = scripts });
            });
        });
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        _routes = routes;
        routes.MapRazorPages();
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
