namespace ChatAssistant.OperatorConsole.Pages;

internal sealed class IndexModel : ConsolePageModel
{
    public void OnGet()
    {
    }
}
