using ChatAssistant.Storage;

namespace ChatAssistant.OperatorConsole.Pages;

internal sealed class AuditModel(IStorageProvider provider) : ConsolePageModel
{
    private const int PageSize = 200;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public void OnGet()
    {
        using var connection = provider.Open();
        Entries = AuditLog.Newest(connection, PageSize);
    }
}
