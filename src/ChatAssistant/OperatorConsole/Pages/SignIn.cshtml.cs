using System.Security.Claims;
using ChatAssistant.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.OperatorConsole.Pages;

/// <summary>
/// The page a /masuk link opens. GET only shows a button: a chat app fetching the link for a preview must not use it
/// up. The tap (a POST with its anti-forgery token) redeems the link once and sets the session cookie.
/// </summary>
[AllowAnonymous]
internal sealed class SignInModel(IStoreWriter writer, ConsoleStore store, ConsoleSessions sessions, AuditLog audit, ILogger<SignInModel> logger) : ConsolePageModel
{
    /// <summary>The link's token, from the address.</summary>
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = Token;
        var who = await writer.RunAsync(store, (s, now) => s.Redeem(ConsoleActions.Hash(token), now), HttpContext.RequestAborted).ConfigureAwait(false);
        if (who is null)
        {
            Log.LinkRefused(logger);
            return NotFound();
        }

        var session = ConsoleSessions.NewId();
        await sessions.StartAsync(session, who, HttpContext.RequestAborted).ConfigureAwait(false);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, who.Id), new Claim(ConsoleSessions.IdClaim, session)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        await audit.WriteAsync(who, AuditLog.Actions.SignedIn, null, HttpContext.RequestAborted).ConfigureAwait(false);
        Log.SignedIn(logger, who.Id);
        return Redirect(ConsolePaths.Root);
    }
}
