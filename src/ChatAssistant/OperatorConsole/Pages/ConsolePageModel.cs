using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatAssistant.OperatorConsole.Pages;

/// <summary>A page behind the console's session: <see cref="Operator"/> is who is signed in.</summary>
internal abstract class ConsolePageModel : PageModel
{
    /// <summary>The signed-in operator (every page but sign-in requires a session, so one is always there).</summary>
    public ConsoleOperator Operator =>
        ConsoleOperator.FromUser(User) ?? throw new InvalidOperationException("A console page without an operator's session.");
}
