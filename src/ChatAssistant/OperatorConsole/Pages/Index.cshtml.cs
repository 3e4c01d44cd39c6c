using ChatAssistant.Dialogs.Running;
using ChatAssistant.OperatorConsole.Dashboard;
using ChatAssistant.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ChatAssistant.OperatorConsole.Pages;

/// <summary>
/// The dashboard at <c>/console</c>: how owners are doing over the last 7, 14 or 30 WIB days (<c>?hari=</c>), read
/// only. Its announcements in progress refresh themselves through <see cref="OnGetAnnouncements"/> (htmx).
/// </summary>
internal sealed class IndexModel(IStorageProvider provider, ConversationEngine engine, TimeProvider time) : ConsolePageModel
{
    /// <summary>The live part of the page, rendered alone for htmx and inside the page.</summary>
    public const string AnnouncementsPartial = "/OperatorConsole/Pages/Dashboard/_Announcements.cshtml";

    /// <summary>Where the live part reloads itself from.</summary>
    public const string AnnouncementsUrl = ConsolePaths.Root + "?handler=Announcements";

    public DashboardData Data { get; private set; } = null!;

    public void OnGet(string? hari)
    {
        using var connection = provider.Open();
        Data = DashboardData.Read(connection, engine.Catalog, DashboardPeriod.Ending(time.GetUtcNow(), hari));
    }

    public PartialViewResult OnGetAnnouncements()
    {
        using var connection = provider.Open();
        return Partial(AnnouncementsPartial, DashboardData.ReadAnnouncements(connection));
    }
}
