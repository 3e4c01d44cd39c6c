using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace ChatAssistant.OperatorConsole.Pages;

/// <summary>Signing out is a POST from the menu's button; there is nothing to see at this address otherwise.</summary>
internal sealed class SignOutModel(AuditLog audit, ConsoleSessions sessions) : ConsolePageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.WriteAsync(Operator, AuditLog.Actions.SignedOut, null, HttpContext.RequestAborted).ConfigureAwait(false);
        await sessions.EndAsync(User, HttpContext.RequestAborted).ConfigureAwait(false);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        HttpContext.User = new System.Security.Claims.ClaimsPrincipal(); // the page after sign-out shows no menu
        return Page();
    }
}
